package io.jcontainerd.registry;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Provider;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.image.Handler;
import io.jcontainerd.image.Handlers;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.MediaTypes;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream's {@code remotes.PushContent}: walks an image in a content store and uploads it to a
 * registry, blobs concurrently (those the registry has are skipped, those another repository of
 * the registry has are mounted, as the blobs' distribution-source labels suggest), then the
 * manifests and indexes children first, the root under the reference's tag. Shared by jctr's
 * client-side push and the daemon's Transfer push.
 */
public final class ContentPush {
    /** The labels of a committed blob (for its {@code containerd.io/distribution.source.*} entries). */
    @FunctionalInterface
    public interface Labels {
        Map<String, String> of(Digest digest) throws IOException;
    }

    /** What a push reports as it goes; called from several threads. */
    public interface Listener {
        /** The walk reached {@code desc}, before its children are known and before it is uploaded. */
        void reached(ImageDescriptor desc);

        /** {@code parent} refers to {@code children}; told before the children are reached. */
        default void children(ImageDescriptor parent, List<ImageDescriptor> children) {
        }

        /** {@code sent} bytes of {@code desc} have been read for its upload; 0 when an upload (re)starts. */
        void sending(ImageDescriptor desc, long sent);

        /** The registry has {@code desc} now, as {@code status} says. */
        void pushed(ImageDescriptor desc, PushStatus status);
    }

    /**
     * @param platform             the manifests of an index to push
     * @param maxConcurrent        descriptors handled at once; 0 for no limit
     * @param skipNonDistributable ctr 1.6's {@code SkipNonDistributableBlobs}: layers marked
     *                             non-distributable are neither pushed nor reported
     */
    public record Options(MatchComparer platform, int maxConcurrent, boolean skipNonDistributable) {
        public Options {
            Objects.requireNonNull(platform, "platform");
        }
    }

    private final Provider content;
    private final Labels labels;

    public ContentPush(Provider content, Labels labels) {
        this.content = content;
        this.labels = labels;
    }

    /**
     * Pushes {@code root} and everything it refers to.
     *
     * @param pusher pushes to the target reference, pinned to {@code root}'s digest ({@link #pinned})
     */
    public void push(Pusher pusher, ImageDescriptor root, Options options, Listener listener) throws IOException {
        List<ImageDescriptor> documents = Collections.synchronizedList(new ArrayList<>());
        Handler children = Handlers.filterPlatforms(Handlers.children(content), options.platform());
        Handler handler = desc -> {
            if (options.skipNonDistributable() && MediaTypes.isNonDistributable(desc.mediaType())) {
                return List.of();
            }
            listener.reached(desc);
            List<ImageDescriptor> next = withSources(children.handle(desc), desc);
            listener.children(desc, next);
            if (MediaTypes.isManifestType(desc.mediaType()) || MediaTypes.isIndexType(desc.mediaType())) {
                documents.add(desc);
            } else {
                upload(pusher, desc, listener, false);
            }
            return next;
        };
        Handlers.dispatch(handler, List.of(root), options.maxConcurrent());
        // parents after their children: the walk saw them the other way round
        for (int i = documents.size() - 1; i >= 0; i--) {
            ImageDescriptor document = documents.get(i);
            upload(pusher, document, listener, document.equals(root));
        }
    }

    /** {@return {@code reference} with {@code root}'s digest unless it names one: only that manifest gets the tag} */
    public static String pinned(String reference, ImageDescriptor root) {
        return reference.contains("@") ? reference : reference + "@" + root.digest();
    }

    /** Upstream's {@code annotateDistributionSourceHandler}: a document's children carry their blobs' source labels. */
    private List<ImageDescriptor> withSources(List<ImageDescriptor> children, ImageDescriptor parent) throws IOException {
        if (!MediaTypes.isManifestType(parent.mediaType()) && !MediaTypes.isIndexType(parent.mediaType())) {
            return children;
        }
        List<ImageDescriptor> annotated = new ArrayList<>(children.size());
        for (ImageDescriptor child : children) {
            Map<String, String> annotations = new HashMap<>(child.annotations());
            labels.of(child.digest()).forEach((k, v) -> {
                if (k.startsWith(DistributionSource.LABEL_PREFIX)) {
                    annotations.put(k, v);
                }
            });
            annotated.add(child.withAnnotations(annotations));
        }
        return annotated;
    }

    private void upload(Pusher pusher, ImageDescriptor desc, Listener listener, boolean tagged) throws IOException {
        try (ReaderAt reader = content.readerAt(desc.digest())) {
            BlobSource source = () -> {
                listener.sending(desc, 0);
                return counting(reader.stream(0), desc, listener);
            };
            // pushed, found there or mounted: the registry has it either way
            PushStatus status = tagged ? pusher.pushTagged(desc, source) : pusher.push(desc, source);
            listener.pushed(desc, status);
        }
    }

    private static InputStream counting(InputStream in, ImageDescriptor desc, Listener listener) {
        return new FilterInputStream(in) {
            private long sent;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    listener.sending(desc, ++sent);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    sent += n;
                    listener.sending(desc, sent);
                }
                return n;
            }
        };
    }
}
