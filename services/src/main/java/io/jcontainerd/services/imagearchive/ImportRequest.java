package io.jcontainerd.services.imagearchive;

import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.archive.ImportOptions;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to import an archive as.
 *
 * @param options how the images are named and which platforms' content is kept (as {@code ctr images import})
 * @param labels  labels of the images stored
 * @param unpack  where to unpack each image, none for {@code --no-unpack}
 */
public record ImportRequest(ImportOptions options, Map<String, String> labels, Optional<Unpack> unpack) {
    public ImportRequest {
        Objects.requireNonNull(options, "options");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(unpack, "unpack");
    }

    /**
     * @param snapshotter the snapshotter's name
     * @param platform    the platform whose layers are unpacked
     */
    public record Unpack(String snapshotter, MatchComparer platform) {
        public Unpack {
            Objects.requireNonNull(snapshotter, "snapshotter");
            Objects.requireNonNull(platform, "platform");
        }
    }
}
