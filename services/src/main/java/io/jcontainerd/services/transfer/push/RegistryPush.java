package io.jcontainerd.services.transfer.push;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platforms;
import io.jcontainerd.registry.ContentPush;
import io.jcontainerd.registry.Resolver;
import io.jcontainerd.services.images.ImagesService;
import io.jcontainerd.services.transfer.ImageStoreTarget;
import io.jcontainerd.services.transfer.ProgressEvent;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * One push of an image from the image store to a registry, as containerd 2.x's local transfer
 * service pushes: the image named by the store (every platform, or those it lists), its tag set on
 * its root only, with upstream's progress events ("Pushing to …", "pushing content", per blob
 * "waiting", "uploading", "complete" or "already exists", "pushed content", "Completed push to …").
 */
public final class RegistryPush {
    private final String namespace;
    private final ContentStore content;
    private final ImagesService images;
    private final Resolver resolver;
    private final String reference;
    private final ImageStoreTarget source;
    private final int maxConcurrentUploads;
    private final Consumer<ProgressEvent> progress;

    /**
     * @param reference            where to push, e.g. {@code 127.0.0.1:5000/team/app:v1}
     * @param source               names the image to push and, optionally, its platforms
     * @param maxConcurrentUploads blobs sent at the same time
     */
    public RegistryPush(String namespace, ContentStore content, ImagesService images, Resolver resolver, String reference,
                        ImageStoreTarget source, int maxConcurrentUploads, Consumer<ProgressEvent> progress) {
        this.namespace = namespace;
        this.content = content;
        this.images = images;
        this.resolver = resolver;
        this.reference = reference;
        this.source = source;
        this.maxConcurrentUploads = maxConcurrentUploads;
        this.progress = progress;
    }

    /**
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND for an image or blob that is
     *     not there; as the registry answered otherwise
     */
    public void run() throws IOException {
        Image image = images.get(namespace, source.name());
        ImageDescriptor root = ImageDescriptor.from(image.target());
        String destination = "OCI Registry (" + reference + ")";
        progress.accept(ProgressEvent.text("Pushing to " + destination));
        progress.accept(new ProgressEvent("pushing content", image.name(), List.of(), 0, 0, image.target()));
        MatchComparer platforms = source.platforms().isEmpty() ? Platforms.all() : Platforms.any(source.platforms());
        new ContentPush(content, digest -> content.info(digest).labels()).push(
                resolver.pusher(ContentPush.pinned(reference, root)), root,
                new ContentPush.Options(platforms, maxConcurrentUploads, false), new PushProgress(progress, image.name()));
        progress.accept(new ProgressEvent("pushed content", image.name(), List.of(), 0, 0, image.target()));
        progress.accept(new ProgressEvent("Completed push to " + destination, "", List.of(), 0, 0, image.target()));
    }
}
