package io.jcontainerd.services.transfer;

import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.image.Platform;
import java.util.List;
import java.util.Objects;

/**
 * An image archive streamed to the client ({@code containerd.types.transfer.ImageExportStream}).
 *
 * @param stream               where the tar's bytes go
 * @param platforms            whose manifests are exported, in order of preference; empty for the host's
 * @param allPlatforms         every manifest of an index
 * @param skipDockerManifest   no Docker manifest.json names
 * @param skipNonDistributable leave out non-distributable layers
 */
public record ArchiveExportTarget(Stream stream, List<Platform> platforms, boolean allPlatforms,
                                  boolean skipDockerManifest, boolean skipNonDistributable) implements TransferEnd {
    public ArchiveExportTarget {
        Objects.requireNonNull(stream, "stream");
        platforms = List.copyOf(platforms);
    }

    @Override
    public String toString() {
        return "Image export stream";
    }
}
