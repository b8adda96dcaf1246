package io.jcontainerd.services.imagearchive;

/**
 * Progress of an import or export, in the Transfer service's terms: an event ({@code "saved"},
 * {@code "extracting"}, {@code "extracted"}, {@code "unpacking"}, {@code "unpacked"}…), what it is
 * about (an image name or a blob digest), and bytes done of the total where that applies.
 */
@FunctionalInterface
public interface TransferProgress {
    TransferProgress NONE = (event, name, done, total) -> { };

    void event(String event, String name, long done, long total);
}
