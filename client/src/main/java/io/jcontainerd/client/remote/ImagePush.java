package io.jcontainerd.client.remote;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.ContentClient;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.registry.ContentPush;
import io.jcontainerd.registry.PushStatus;
import io.jcontainerd.registry.Resolver;
import java.io.IOException;

/**
 * containerd 1.6's {@code client.Push}: {@link ContentPush} from the daemon's content store, read
 * over the Content API, with each upload's progress in the options' tracker.
 */
public final class ImagePush {
    private final ContainerdClient client;

    public ImagePush(ContainerdClient client) {
        this.client = client;
    }

    public void push(Resolver resolver, String ref, ImageDescriptor root, PushOptions options) throws IOException {
        ContentClient content = client.content();
        PushTracker tracker = options.tracker();
        ContentPush.Listener listener = new ContentPush.Listener() {
            @Override
            public void reached(ImageDescriptor desc) {
                options.onDescriptor().accept(desc);
            }

            @Override
            public void sending(ImageDescriptor desc, long sent) {
                if (sent == 0) {
                    tracker.started(RefKeys.of(desc), desc.size());
                } else {
                    tracker.sent(RefKeys.of(desc), sent);
                }
            }

            @Override
            public void pushed(ImageDescriptor desc, PushStatus status) {
                tracker.committed(RefKeys.of(desc), desc.size(), status);
            }
        };
        new ContentPush(content, digest -> content.info(digest).labels()).push(
                resolver.pusher(ContentPush.pinned(ref, root)), root,
                new ContentPush.Options(options.platform(), options.maxConcurrent(), !options.allowNonDistributable()),
                listener);
    }
}
