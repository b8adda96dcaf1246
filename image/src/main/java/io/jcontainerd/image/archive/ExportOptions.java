package io.jcontainerd.image.archive;

import io.jcontainerd.image.MatchComparer;
import java.util.Objects;

/**
 * What {@link ArchiveExporter} writes, as containerd's {@code archive.ExportOpt}s.
 *
 * @param platform             the manifests of an index that are exported (all of them with
 *                             {@code allPlatforms}), and the one Docker's manifest.json names
 * @param allPlatforms         export every manifest of an index; all of them must be present
 * @param skipDockerManifest   leave image names out of manifest.json (and indexes out of it altogether)
 * @param skipNonDistributable leave out non-distributable layers (e.g. Windows base layers)
 */
public record ExportOptions(MatchComparer platform, boolean allPlatforms, boolean skipDockerManifest,
                            boolean skipNonDistributable) {
    public ExportOptions {
        Objects.requireNonNull(platform, "platform");
    }
}
