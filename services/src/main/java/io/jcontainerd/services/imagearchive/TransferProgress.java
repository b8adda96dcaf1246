package io.jcontainerd.services.imagearchive;

import io.jcontainerd.core.content.Descriptor;

/**
 * Progress of an import or export, in the Transfer service's terms ({@code transfer.Progress}):
 * an event ({@code "complete"} for a blob written, {@code "extracting"} and {@code "extracted"}
 * for a layer, {@code "saved"} for an image, {@code "Exporting"}…), what it is about (an archive
 * file, a layer or an image name), bytes done of the total where that applies, and the object's
 * descriptor (null when none).
 */
@FunctionalInterface
public interface TransferProgress {
    TransferProgress NONE = (event, name, done, total, desc) -> { };

    void event(String event, String name, long done, long total, Descriptor desc);

    /** An event about the whole transfer. */
    default void event(String event) {
        event(event, "", 0, 0, null);
    }
}
