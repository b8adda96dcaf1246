package io.jcontainerd.client.remote;

import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.MatchComparer;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link ImageFetch} walks an image (upstream's {@code RemoteContext} as ctr sets it).
 *
 * @param labels          the image record's labels
 * @param platform        the manifests to fetch
 * @param allMetadata     also fetch the manifests and configs of other platforms (not their layers)
 * @param manifestLimit   keep only this many manifests of an index, best first (pull: 1); 0 keeps all
 * @param maxConcurrent   blobs fetched at once; 0 for no limit
 * @param onDescriptor    told of each descriptor before it is fetched (progress displays)
 */
public record FetchOptions(Map<String, String> labels, MatchComparer platform, boolean allMetadata, int manifestLimit,
                           int maxConcurrent, Consumer<ImageDescriptor> onDescriptor) {
    public FetchOptions {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(onDescriptor, "onDescriptor");
    }
}
