package io.jcontainerd.services.transfer;

import io.jcontainerd.core.streaming.Stream;
import java.util.Objects;

/**
 * An image archive the client streams ({@code containerd.types.transfer.ImageImportStream}).
 *
 * @param stream        where the tar's bytes arrive
 * @param forceCompress gzip the uncompressed layers of a Docker archive
 */
public record ArchiveImportSource(Stream stream, boolean forceCompress) implements TransferEnd {
    public ArchiveImportSource {
        Objects.requireNonNull(stream, "stream");
    }

    @Override
    public String toString() {
        return "Image import stream";
    }
}
