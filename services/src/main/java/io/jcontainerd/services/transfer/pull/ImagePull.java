package io.jcontainerd.services.transfer.pull;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.image.ChildGcLabels;
import io.jcontainerd.image.Handler;
import io.jcontainerd.image.Handlers;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.Layer;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.MediaTypes;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import io.jcontainerd.image.SnapshotChain;
import io.jcontainerd.registry.Resolved;
import io.jcontainerd.registry.Resolver;
import io.jcontainerd.image.reference.ReferenceSpec;
import io.jcontainerd.services.diff.DiffService;
import io.jcontainerd.services.snapshots.ServiceSnapshots;
import io.jcontainerd.services.images.ImagesService;
import io.jcontainerd.services.snapshots.SnapshotsService;
import io.jcontainerd.services.transfer.ImageStoreTarget;
import io.jcontainerd.services.transfer.ProgressEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One pull from a registry into the image store, as containerd 2.x's local transfer service pulls
 * (same progress events, labels and image record), but pipelined: while the layers download
 * concurrently, each is applied as soon as the layers below it are, reading its bytes as they
 * download; its snapshot is committed once the download verified the blob.
 */
public final class ImagePull {
    /**
     * The stores a pull writes to, all in one namespace.
     *
     * @param content content of the namespace under the pull's lease
     * @param lease   the lease snapshots are made under
     */
    public record Stores(String namespace, Optional<String> lease, ContentStore content, ImagesService images,
                         SnapshotsService snapshots, DiffService diff) {
        public Stores {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(lease, "lease");
        }
    }

    /** An unpack decided against the plugin's {@code unpack_config}: this platform into this snapshotter. */
    public record Unpack(Platform platform, String snapshotter) {
    }

    private final Stores stores;
    private final Resolver resolver;
    private final String reference;
    private final ImageStoreTarget target;
    private final List<Unpack> unpacks;
    private final int maxConcurrentDownloads;
    private final PullProgress progress;

    public ImagePull(Stores stores, Resolver resolver, String reference, ImageStoreTarget target, List<Unpack> unpacks,
                     int maxConcurrentDownloads, Consumer<ProgressEvent> progress) {
        this.stores = stores;
        this.resolver = resolver;
        this.reference = reference;
        this.target = target;
        this.unpacks = List.copyOf(unpacks);
        this.maxConcurrentDownloads = maxConcurrentDownloads;
        this.progress = new PullProgress(progress, reference);
    }

    /** {@return the images created or updated} */
    public List<Image> run() throws IOException, InterruptedException {
        String source = "OCI Registry (" + reference + ")";
        progress.text("Resolving from " + source);
        Resolved resolved;
        try {
            resolved = resolver.resolve(reference);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "failed to resolve image: " + e.getMessage(), e);
        }
        ImageDescriptor root = resolved.descriptor();
        if (root.mediaType().equals(MediaTypes.DOCKER_SCHEMA1_MANIFEST)) {
            throw Errdefs.invalidArgument("schema 1 image manifests are no longer supported");
        }
        progress.text("Pulling from " + source);
        progress.fetching(root);
        BlobIngest ingest = new BlobIngest(stores.content(), resolver.fetcher(resolved.name()),
                ReferenceSpec.parse(resolved.name()), progress);
        try (LayerDownloads downloads = new LayerDownloads(ingest, maxConcurrentDownloads, !unpacks.isEmpty())) {
            Handlers.walk(walker(ingest, downloads), List.of(root));
            for (Unpack unpack : unpacks) {
                unpack(root, unpack, downloads);
            }
            downloads.awaitAll();
        }
        List<Image> saved = store(root);
        progress.text("Completed pull from " + source);
        return saved;
    }

    /**
     * Fetches each document and hands each layer to the downloads (a manifest's layers before its
     * config); an index's manifests are
     * narrowed to the target's platforms (with {@code all_metadata}, the others keep their
     * manifest and config, not their layers). Parents are labelled for all their children, the
     * ones not fetched too.
     */
    private Handler walker(BlobIngest ingest, LayerDownloads downloads) {
        MatchComparer platforms = target.platforms().isEmpty() ? Platforms.defaultMatcher()
                : Platforms.ordered(target.platforms());
        Handler children = Handlers.children(stores.content());
        Handler selected = Handlers.limitManifests(target.allMetadata() ? children
                : Handlers.filterPlatforms(children, platforms), platforms, target.manifestLimit());
        Set<Digest> metadataOnly = ConcurrentHashMap.newKeySet();
        return desc -> {
            if (MediaTypes.isLayerType(desc.mediaType())) {
                downloads.start(desc);
                return List.of();
            }
            ingest.document(desc);
            List<ImageDescriptor> next = selected.handle(desc);
            if (MediaTypes.isIndexType(desc.mediaType())) {
                if (next.isEmpty() && !children.handle(desc).isEmpty()) {
                    throw Errdefs.notFound("no match for platform in manifest " + desc.digest());
                }
                next.stream().filter(m -> m.platform() != null && !platforms.match(m.platform()))
                        .forEach(m -> metadataOnly.add(m.digest()));
            }
            if (metadataOnly.contains(desc.digest())) {
                next = next.stream().filter(d -> !MediaTypes.isLayerType(d.mediaType())).toList();
            }
            // as upstream, which sets the labels before narrowing the children to the platforms
            labelChildren(desc, children.handle(desc));
            progress.children(desc, next);
            return layersFirst(next);
        };
    }

    /**
     * {@code children} with the layers first: handling a layer only starts its download, so the
     * config (a document, fetched as it is handled) then arrives while the layers download, not
     * before they start.
     */
    private static List<ImageDescriptor> layersFirst(List<ImageDescriptor> children) {
        List<ImageDescriptor> ordered = new ArrayList<>(children.size());
        children.stream().filter(d -> MediaTypes.isLayerType(d.mediaType())).forEach(ordered::add);
        children.stream().filter(d -> !MediaTypes.isLayerType(d.mediaType())).forEach(ordered::add);
        return ordered;
    }

    /** The {@code containerd.io/gc.ref.content.*} labels that keep a document's children. */
    private void labelChildren(ImageDescriptor parent, List<ImageDescriptor> children) throws IOException {
        Map<String, String> labels = ChildGcLabels.labels(children, ChildGcLabels::forChild);
        if (!labels.isEmpty()) {
            updateLabels(parent.digest(), labels);
        }
    }

    private void updateLabels(Digest digest, Map<String, String> labels) throws IOException {
        stores.content().update(new Info(digest, 0, null, null, labels),
                labels.keySet().stream().map(k -> "labels." + k).toList());
    }

    /**
     * Applies the platform's layers in order, each from its bytes decompressed ahead (while it
     * downloads when it is in time for that), reusing chains that exist.
     */
    private void unpack(ImageDescriptor root, Unpack unpack, LayerDownloads downloads)
            throws IOException, InterruptedException {
        List<Layer> layers = Images.layers(stores.content(), root, Platforms.only(unpack.platform()));
        Snapshotter snapshotter = stores.snapshots().snapshotter(unpack.snapshotter(), stores.namespace(), stores.lease());
        SnapshotChain.Target chainTarget = new ServiceSnapshots(stores.snapshots(), snapshotter, stores.diff(),
                stores.namespace());
        List<Digest> chain = new ArrayList<>();
        try (LayerDecompressions tars = new LayerDecompressions(layers, downloads, stores.content())) {
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                int index = i;
                extend(new StreamedLayerTarget(chainTarget, stores.diff(), () -> tars.tar(index),
                        () -> downloads.await(layer.blob())), chain, layer, downloads);
                stores.content().dropCached(layer.blob().digest());
                updateLabels(layer.blob().digest(), Map.of(SnapshotChain.UNCOMPRESSED_LABEL, layer.diffId().toString()));
                progress.extracted(layer.blob());
                chain.add(layer.diffId());
            }
        }
        ImageDescriptor config = Images.config(stores.content(), root, Platforms.only(unpack.platform()));
        updateLabels(config.digest(), Map.of(GcLabels.SNAPSHOT_REF + unpack.snapshotter(), SnapshotChain.name(chain)));
    }

    /**
     * Extends the chain by {@code layer} through {@code target}; reports {@code extracting} once
     * its download completed. A failed download's own error (a digest mismatch) is the one reported.
     */
    private void extend(StreamedLayerTarget target, List<Digest> chain, Layer layer, LayerDownloads downloads)
            throws IOException, InterruptedException {
        try {
            SnapshotChain.extend(target, chain, layer);
        } catch (IOException | RuntimeException e) {
            downloads.await(layer.blob());
            throw e;
        }
        downloads.await(layer.blob());
        progress.extracting(layer.blob());
    }

    /** Creates the image (and its extra names), or points an existing one at the new target. */
    private List<Image> store(ImageDescriptor root) {
        List<String> names = new ArrayList<>();
        if (!target.name().isEmpty()) {
            names.add(target.name());
        }
        names.addAll(target.extraNames());
        if (names.isEmpty()) {
            throw Errdefs.invalidArgument("image store without a name");
        }
        List<Image> saved = new ArrayList<>();
        for (String name : names) {
            Image image = Image.of(name, root.toDescriptor(), target.labels());
            Image stored;
            try {
                stored = stores.images().create(stores.namespace(), image);
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                    throw e;
                }
                List<String> fields = new ArrayList<>(List.of("target"));
                target.labels().keySet().forEach(k -> fields.add("labels." + k));
                stored = stores.images().update(stores.namespace(), image, fields);
            }
            progress.saved(stored.name(), root);
            saved.add(stored);
        }
        return saved;
    }
}
