package io.jcontainerd.client.remote;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.ContentClient;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.image.ChildGcLabels;
import io.jcontainerd.image.Handler;
import io.jcontainerd.image.Handlers;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.MediaTypes;
import io.jcontainerd.registry.DistributionSource;
import io.jcontainerd.registry.Fetcher;
import io.jcontainerd.registry.Resolved;
import io.jcontainerd.registry.Resolver;
import io.jcontainerd.image.reference.ReferenceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * containerd 1.6's {@code client.Fetch}: resolves a reference, fetches the index or manifest and
 * everything below it that the platform options select into the content store (blobs already there
 * are not fetched; an interrupted ingest resumes at its offset), labels each document with
 * {@code containerd.io/gc.ref.content.*} for its children and each blob with the
 * {@code containerd.io/distribution.source.<registry>} it came from, and records the image. All of
 * it under a temporary lease, or the caller's.
 */
public final class ImageFetch {
    private static final System.Logger LOG = System.getLogger(ImageFetch.class.getName());
    /** containerd's limit on a label's key and value together. */
    private static final int MAX_LABEL_SIZE = 4096;

    private final ContainerdClient client;

    public ImageFetch(ContainerdClient client) {
        this.client = client;
    }

    /** {@return the image record created or replaced for the reference} */
    public Image fetch(Resolver resolver, String ref, FetchOptions options) throws IOException {
        return client.withTemporaryLease(() -> {
            Resolved resolved;
            try {
                resolved = resolver.resolve(ref);
            } catch (ErrdefsException e) {
                throw new ErrdefsException(e.kind(), "failed to resolve reference \"" + ref + "\": " + e.getMessage(), e);
            }
            ImageDescriptor root = resolved.descriptor();
            if (root.mediaType().equals(MediaTypes.DOCKER_SCHEMA1_MANIFEST)) {
                throw new ErrdefsException(ErrorKind.NOT_IMPLEMENTED, root.mediaType() + " not supported");
            }
            Fetcher fetcher = resolver.fetcher(resolved.name());
            ContentClient content = client.content();
            ReferenceSpec spec = ReferenceSpec.parse(resolved.name());
            Handler handler = Handlers.sequence(
                    desc -> {
                        options.onDescriptor().accept(desc);
                        return List.of();
                    },
                    desc -> {
                        fetchBlob(content, fetcher, desc);
                        return List.of();
                    },
                    children(content, options),
                    desc -> {
                        appendDistributionSource(content, desc, spec);
                        return List.of();
                    });
            new Dispatcher(client, options.maxConcurrent()).dispatch(handler, List.of(root));
            return createOrReplace(Image.of(resolved.name(), root.toDescriptor(), options.labels()));
        });
    }

    /** Upstream's {@code remotes.fetch}: the blob written under its ref key unless the store has it. */
    private static void fetchBlob(ContentClient content, Fetcher fetcher, ImageDescriptor desc) throws IOException {
        content.writeBlob(RefKeys.of(desc), offset -> {
            if (desc.size() == 0) {
                // a registry that sent no Content-Length: nothing could be committed
                throw Errdefs.invalidArgument("unable to fetch descriptor (" + desc.digest()
                        + ") which reports content size of zero");
            }
            return offset >= desc.size() ? InputStream.nullInputStream() : fetcher.fetch(desc, offset);
        }, desc.size(), desc.digest(), Map.of());
    }

    /**
     * The children to walk: all of them labelled on the parent, then those the platform asks for
     * (with all metadata: every manifest, but only the matching ones' layers), then the best
     * {@code manifestLimit} of an index.
     */
    private static Handler children(ContentClient content, FetchOptions options) {
        Handler labelled = desc -> {
            List<ImageDescriptor> children = Images.children(content, desc);
            if (!children.isEmpty()) {
                Map<String, String> labels = ChildGcLabels.labels(children, ChildGcLabels::forChild);
                content.update(desc.digest(), labels, labels.keySet().stream().map(k -> "labels." + k).toList());
            }
            return children;
        };
        Handler filtered = options.allMetadata()
                ? metadataOfOtherPlatforms(labelled, options.platform())
                : Handlers.filterPlatforms(labelled, options.platform());
        return options.manifestLimit() > 0
                ? Handlers.limitManifests(filtered, options.platform(), options.manifestLimit())
                : filtered;
    }

    /** Upstream's {@code FilterManifestByPlatformHandler}: a manifest for another platform yields only its config. */
    private static Handler metadataOfOtherPlatforms(Handler handler, MatchComparer platform) {
        return desc -> {
            List<ImageDescriptor> children = handler.handle(desc);
            if (desc.platform() == null || !MediaTypes.isManifestType(desc.mediaType()) || platform.match(desc.platform())) {
                return children;
            }
            List<ImageDescriptor> configs = new ArrayList<>();
            for (ImageDescriptor child : children) {
                if (child.mediaType().equals(MediaTypes.DOCKER_CONFIG) || child.mediaType().equals(MediaTypes.OCI_CONFIG)) {
                    configs.add(child);
                }
            }
            return configs;
        };
    }

    /** Upstream's {@code AppendDistributionSourceLabel}: the repository added to the blob's source label. */
    private static void appendDistributionSource(ContentClient content, ImageDescriptor desc, ReferenceSpec spec) {
        Info info = content.info(desc.digest());
        String key = DistributionSource.labelKey(spec);
        String value = DistributionSource.append(info.labels().getOrDefault(key, ""), spec);
        if (key.length() + value.length() > MAX_LABEL_SIZE) {
            LOG.log(System.Logger.Level.WARNING, "skip to append distribution label: label key and value length ("
                    + (key.length() + value.length()) + " bytes) greater than maximum size (" + MAX_LABEL_SIZE + " bytes)");
            return;
        }
        content.update(desc.digest(), Map.of(key, value), List.of("labels." + key));
    }

    /** Upstream's {@code createNewImage}: created, or replaced when the name exists (created again if it vanishes meanwhile). */
    private Image createOrReplace(Image image) {
        while (true) {
            try {
                return client.images().create(image);
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                    throw e;
                }
            }
            try {
                return client.images().update(image, List.of());
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw e;
                }
            }
        }
    }
}
