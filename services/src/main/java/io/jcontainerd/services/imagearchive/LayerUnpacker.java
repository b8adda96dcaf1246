package io.jcontainerd.services.imagearchive;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.leases.LeaseIds;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.image.ChainIds;
import io.jcontainerd.image.Layer;
import io.jcontainerd.image.archive.ArchiveContent;
import io.jcontainerd.image.archive.ImageKeys;
import io.jcontainerd.services.diff.DiffService;
import io.jcontainerd.services.snapshots.SnapshotsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Unpacks layer chains into snapshots named by chain ID, as containerd's unpacker, while the
 * archive is still being read: a layer is applied (on the unpack thread) as soon as its blob is
 * in the content store and its parent chain is committed. Each (chain, blob) is applied once,
 * whether it was asked for early or at the end; an existing committed chain is reused.
 */
final class LayerUnpacker {
    private static final System.Logger LOG = System.getLogger(LayerUnpacker.class.getName());

    private final String namespace;
    private final Snapshotter snapshotter;
    private final SnapshotsService snapshots;
    private final DiffService diff;
    private final ArchiveContent content;
    private final ExecutorService executor;
    private final UnpackProgress progress;
    private final Map<Digest, CompletableFuture<Void>> blobs = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();

    /** Told when a layer's apply starts and ends. */
    interface UnpackProgress {
        void layer(Layer layer, boolean done);
    }

    LayerUnpacker(String namespace, Snapshotter snapshotter, SnapshotsService snapshots, DiffService diff,
                  ArchiveContent content, ExecutorService executor, UnpackProgress progress) {
        this.namespace = namespace;
        this.snapshotter = snapshotter;
        this.snapshots = snapshots;
        this.diff = diff;
        this.content = content;
        this.executor = executor;
        this.progress = progress;
    }

    /** The blob is committed: layers waiting for it may go. */
    void blobReady(Digest digest) {
        blob(digest).complete(null);
    }

    /** Every blob there will be is committed: layers still waiting go, and find theirs missing. */
    void allBlobsReady() {
        blobs.values().forEach(f -> f.complete(null));
    }

    /** {@return completes when the whole chain is unpacked; starts what is not started yet} */
    CompletableFuture<Void> schedule(List<Layer> layers) {
        CompletableFuture<Void> parentDone = CompletableFuture.completedFuture(null);
        List<Digest> chain = new ArrayList<>();
        for (Layer layer : layers) {
            String parent = ChainIds.chainId(chain).map(Digest::toString).orElse("");
            chain.add(layer.diffId());
            String chainId = ChainIds.chainId(chain).orElseThrow().toString();
            CompletableFuture<Void> previous = parentDone;
            parentDone = chains.computeIfAbsent(chainId + " " + layer.blob().digest(),
                    k -> previous.thenCombine(blob(layer.blob().digest()), (a, b) -> a)
                            .thenRunAsync(() -> apply(layer, parent, chainId), executor));
        }
        return parentDone;
    }

    /** Unpacks the chain, waiting for it; {@return its chain ID, empty for no layers} */
    String unpack(List<Layer> layers) throws IOException {
        try {
            schedule(layers).join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case ErrdefsException errdefs -> throw errdefs;
                case UncheckedIOException io -> throw io.getCause();
                default -> throw e;
            }
        }
        return ChainIds.chainId(layers.stream().map(Layer::diffId).toList()).map(Digest::toString).orElse("");
    }

    private CompletableFuture<Void> blob(Digest digest) {
        return blobs.computeIfAbsent(digest, d -> new CompletableFuture<>());
    }

    private void apply(Layer layer, String parent, String chainId) {
        try {
            try {
                snapshotter.stat(chainId);
                return;
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw new ErrdefsException(e.kind(), "failed to stat snapshot " + chainId + ": " + e.getMessage(), e);
                }
            }
            progress.layer(layer, false);
            extract(layer, parent, chainId);
            // the apply has verified the diff ID
            content.label(layer.blob().digest(), Map.of(ImageKeys.UNCOMPRESSED_LABEL, layer.diffId().toString()));
            progress.layer(layer, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prepares an extraction snapshot on {@code parent}, applies the layer, commits it as {@code chainId}. */
    private void extract(Layer layer, String parent, String chainId) throws IOException {
        String key;
        List<Mount> mounts;
        while (true) {
            key = "extract-" + LeaseIds.random() + " " + chainId;
            try {
                mounts = snapshots.prepare(snapshotter, namespace, key, parent, Map.of());
                break;
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                    throw new ErrdefsException(e.kind(), "failed to prepare extraction snapshot \"" + key + "\": "
                            + e.getMessage(), e);
                }
            }
        }
        try {
            Descriptor applied;
            try {
                applied = diff.apply(namespace, layer.blob().toDescriptor(), mounts);
            } catch (ErrdefsException e) {
                throw new ErrdefsException(e.kind(), "failed to extract layer " + layer.diffId() + ": " + e.getMessage(), e);
            }
            if (!applied.digest().equals(layer.diffId())) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "wrong diff id calculated on extraction \"" + applied.digest() + "\"");
            }
            snapshots.commit(snapshotter, namespace, chainId, key, Map.of());
        } catch (ErrdefsException | IOException e) {
            if (e instanceof ErrdefsException errdefs && errdefs.kind() == ErrorKind.ALREADY_EXISTS) {
                removeQuietly(key);
                return; // committed meanwhile by someone else
            }
            removeQuietly(key);
            throw e;
        }
    }

    private void removeQuietly(String key) {
        try {
            snapshots.remove(snapshotter, namespace, key);
        } catch (ErrdefsException | IOException e) {
            LOG.log(System.Logger.Level.WARNING, "extraction snapshot removal failed", Map.of("error", String.valueOf(e.getMessage()), "key", key));
        }
    }
}
