package io.jcontainerd.services.transfer;

import java.util.Objects;

/**
 * An image archive the client sends ({@code containerd.types.transfer.ImageImportStream}) or
 * names in a file ({@code jcontainerd.types.transfer.ImageImportFile}).
 *
 * @param archive       where the tar's bytes come from
 * @param forceCompress gzip the uncompressed layers of a Docker archive
 */
public record ArchiveImportSource(ArchiveTransport archive, boolean forceCompress) implements TransferEnd {
    public ArchiveImportSource {
        Objects.requireNonNull(archive, "archive");
    }

    @Override
    public String toString() {
        return archive instanceof LocalArchiveFile file ? "Image import from " + file : "Image import stream";
    }
}
