package io.jcontainerd.services.transfer;

import io.jcontainerd.image.Platform;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The image store ({@code containerd.types.transfer.ImageStore}): where a pull or import writes; the
 * image (and platforms) an export or push reads.
 *
 * @param name            image to create or update; the image to push
 * @param labels          the image's labels
 * @param platforms       whose content to keep; empty means the host's
 * @param allMetadata     keep every manifest and config of an index, layers only for {@code platforms}
 * @param manifestLimit   at most this many manifests of an index (0: no limit)
 * @param extraNames      more image names for the same target
 * @param prefixes        name prefixes (an import's base name)
 * @param unpacks         what to unpack into which snapshotter (empty: no unpack)
 */
public record ImageStoreTarget(String name, Map<String, String> labels, List<Platform> platforms, boolean allMetadata,
                               int manifestLimit, List<String> extraNames, List<PrefixReference> prefixes, List<Unpack> unpacks)
        implements TransferEnd {
    public ImageStoreTarget {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        platforms = List.copyOf(platforms);
        extraNames = List.copyOf(extraNames);
        prefixes = List.copyOf(prefixes);
        unpacks = List.copyOf(unpacks);
    }

    /**
     * One requested unpack.
     *
     * @param platform    null for the host's
     * @param snapshotter empty for the one the plugin's {@code unpack_config} names for the platform
     */
    public record Unpack(Platform platform, String snapshotter) {
        public Unpack {
            Objects.requireNonNull(snapshotter, "snapshotter");
        }
    }
}
