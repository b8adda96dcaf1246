package io.jcontainerd.client.remote;

import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.MatchComparer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link ImagePush} walks an image.
 *
 * @param platform                   the manifests of an index to push (ctr: all)
 * @param maxConcurrent              uploads at once; 0 for no limit
 * @param allowNonDistributable      also push layers marked non-distributable
 * @param onDescriptor               told of each descriptor the walk reaches (progress displays)
 * @param tracker                    records each upload's progress
 */
public record PushOptions(MatchComparer platform, int maxConcurrent, boolean allowNonDistributable,
                          Consumer<ImageDescriptor> onDescriptor, PushTracker tracker) {
    public PushOptions {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(onDescriptor, "onDescriptor");
        Objects.requireNonNull(tracker, "tracker");
    }
}
