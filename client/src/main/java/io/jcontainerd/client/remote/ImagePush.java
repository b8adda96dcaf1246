package io.jcontainerd.client.remote;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.ContentClient;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.image.Handler;
import io.jcontainerd.image.Handlers;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.MediaTypes;
import io.jcontainerd.registry.BlobSource;
import io.jcontainerd.registry.DistributionSource;
import io.jcontainerd.registry.PushStatus;
import io.jcontainerd.registry.Pusher;
import io.jcontainerd.registry.Resolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * containerd 1.6's {@code client.Push} ({@code remotes.PushContent}): walks the image in the
 * content store, uploading every blob (those the registry has are skipped, those another repository
 * of the registry has are mounted, as the blobs' distribution-source labels suggest), then the
 * manifests and indexes children first, the root under the reference's tag.
 */
public final class ImagePush {
    private final ContainerdClient client;

    public ImagePush(ContainerdClient client) {
        this.client = client;
    }

    public void push(Resolver resolver, String ref, ImageDescriptor root, PushOptions options) throws IOException {
        // pin the digest so that only this manifest gets the tag
        Pusher pusher = resolver.pusher(ref.contains("@") ? ref : ref + "@" + root.digest());
        ContentClient content = client.content();
        List<ImageDescriptor> manifests = Collections.synchronizedList(new ArrayList<>());
        Handler handler = desc -> {
            if (!options.allowNonDistributable() && MediaTypes.isNonDistributable(desc.mediaType())) {
                return List.of();
            }
            options.onDescriptor().accept(desc);
            List<ImageDescriptor> children = withSources(content,
                    Handlers.filterPlatforms(Handlers.children(content), options.platform()).handle(desc), desc);
            if (MediaTypes.isManifestType(desc.mediaType()) || MediaTypes.isIndexType(desc.mediaType())) {
                manifests.add(desc);
            } else {
                upload(pusher, content, desc, options.tracker(), false);
            }
            return children;
        };
        new Dispatcher(client, options.maxConcurrent()).dispatch(handler, List.of(root));
        // parents after their children, as the walk saw them in reverse
        for (int i = manifests.size() - 1; i >= 0; i--) {
            ImageDescriptor manifest = manifests.get(i);
            upload(pusher, content, manifest, options.tracker(), manifest.equals(root));
        }
    }

    /** Upstream's {@code annotateDistributionSourceHandler}: a document's children carry their blobs' source labels. */
    private static List<ImageDescriptor> withSources(ContentClient content, List<ImageDescriptor> children,
                                                     ImageDescriptor parent) {
        if (!MediaTypes.isManifestType(parent.mediaType()) && !MediaTypes.isIndexType(parent.mediaType())) {
            return children;
        }
        List<ImageDescriptor> annotated = new ArrayList<>(children.size());
        for (ImageDescriptor child : children) {
            Map<String, String> annotations = new HashMap<>(child.annotations());
            content.info(child.digest()).labels().forEach((k, v) -> {
                if (k.startsWith(DistributionSource.LABEL_PREFIX)) {
                    annotations.put(k, v);
                }
            });
            annotated.add(child.withAnnotations(annotations));
        }
        return annotated;
    }

    private static void upload(Pusher pusher, ContentClient content, ImageDescriptor desc, PushTracker tracker,
                               boolean tagged) throws IOException {
        String ref = RefKeys.of(desc);
        try (ReaderAt reader = content.readerAt(desc.digest())) {
            BlobSource source = () -> {
                tracker.started(ref, desc.size());
                return counting(reader.stream(0), ref, tracker);
            };
            // pushed, found there or mounted: the registry has it either way
            PushStatus status = tagged ? pusher.pushTagged(desc, source) : pusher.push(desc, source);
            tracker.committed(ref, desc.size(), status);
        }
    }

    private static InputStream counting(InputStream in, String ref, PushTracker tracker) {
        return new FilterInputStream(in) {
            private long sent;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    tracker.sent(ref, ++sent);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    sent += n;
                    tracker.sent(ref, sent);
                }
                return n;
            }
        };
    }
}
