package io.jcontainerd.services.transfer;

import io.jcontainerd.image.Platform;
import java.util.List;
import java.util.Objects;

/**
 * An image archive streamed to the client ({@code containerd.types.transfer.ImageExportStream})
 * or written into its file ({@code jcontainerd.types.transfer.ImageExportFile}).
 *
 * @param archive              where the tar's bytes go
 * @param platforms            whose manifests are exported, in order of preference; empty for the host's
 * @param allPlatforms         every manifest of an index
 * @param skipDockerManifest   no Docker manifest.json names
 * @param skipNonDistributable leave out non-distributable layers
 */
public record ArchiveExportTarget(ArchiveTransport archive, List<Platform> platforms, boolean allPlatforms,
                                  boolean skipDockerManifest, boolean skipNonDistributable) implements TransferEnd {
    public ArchiveExportTarget {
        Objects.requireNonNull(archive, "archive");
        platforms = List.copyOf(platforms);
    }

    @Override
    public String toString() {
        return archive instanceof LocalArchiveFile file ? "Image export to " + file : "Image export stream";
    }
}
