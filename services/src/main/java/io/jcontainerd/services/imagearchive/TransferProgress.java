package io.jcontainerd.services.imagearchive;

/**
 * Progress of an import or export, in the Transfer service's terms ({@code transfer.Progress}):
 * an event ({@code "Importing"}, {@code "complete"} for a blob written, {@code "extracting"} and
 * {@code "extracted"} for a layer, {@code "saved"} for an image, {@code "Completed import"}…), what
 * it is about (an image name or a blob digest), bytes done of the total where that applies, and
 * the digest of the object concerned (empty when none).
 */
@FunctionalInterface
public interface TransferProgress {
    TransferProgress NONE = (event, name, done, total, digest) -> { };

    void event(String event, String name, long done, long total, String digest);

    /** An event about the whole transfer. */
    default void event(String event) {
        event(event, "", 0, 0, "");
    }
}
