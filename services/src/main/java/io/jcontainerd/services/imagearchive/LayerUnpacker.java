package io.jcontainerd.services.imagearchive;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.image.SnapshotChain;
import io.jcontainerd.image.Layer;
import io.jcontainerd.image.archive.ArchiveContent;
import io.jcontainerd.image.archive.ImageKeys;
import io.jcontainerd.services.diff.DiffService;
import io.jcontainerd.services.snapshots.ServiceSnapshots;
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
 * in the content store and its parent chain is committed ({@link SnapshotChain}). Each (chain,
 * blob) is applied once, whether it was asked for early or at the end; an existing chain is reused.
 */
final class LayerUnpacker {
    private final SnapshotChain.Target target;
    private final ArchiveContent content;
    private final ExecutorService executor;
    private final UnpackProgress progress;
    private final Map<Digest, CompletableFuture<Void>> blobs = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
    /** Set on the reading thread; blobs written after it (compressed layers) are there when asked for. */
    private volatile boolean archiveRead;

    /** Told when a layer's apply starts and ends. */
    interface UnpackProgress {
        void layer(Layer layer, boolean done);
    }

    LayerUnpacker(String namespace, Snapshotter snapshotter, SnapshotsService snapshots, DiffService diff,
                  ArchiveContent content, ExecutorService executor, UnpackProgress progress) {
        this.target = new ServiceSnapshots(snapshots, snapshotter, diff, namespace);
        this.content = content;
        this.executor = executor;
        this.progress = progress;
    }

    /** The blob is committed: layers waiting for it may go. */
    void blobReady(Digest digest) {
        blob(digest).complete(null);
    }

    /**
     * The archive is read: layers still waiting go (and find their blob, or that it is missing),
     * and so do layers scheduled from now on.
     */
    void allBlobsReady() {
        archiveRead = true;
        blobs.values().forEach(f -> f.complete(null));
    }

    /** {@return completes when the whole chain is unpacked; starts what is not started yet} */
    CompletableFuture<Void> schedule(List<Layer> layers) {
        CompletableFuture<Void> parentDone = CompletableFuture.completedFuture(null);
        List<Digest> chain = new ArrayList<>();
        for (Layer layer : layers) {
            List<Digest> below = List.copyOf(chain);
            chain.add(layer.diffId());
            CompletableFuture<Void> previous = parentDone;
            parentDone = chains.computeIfAbsent(SnapshotChain.name(chain) + " " + layer.blob().digest(),
                    k -> previous.thenCombine(blob(layer.blob().digest()), (a, b) -> a)
                            .thenRunAsync(() -> apply(layer, below), executor));
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
        return SnapshotChain.name(layers.stream().map(Layer::diffId).toList());
    }

    private CompletableFuture<Void> blob(Digest digest) {
        return archiveRead ? CompletableFuture.completedFuture(null) : blobs.computeIfAbsent(digest, d -> new CompletableFuture<>());
    }

    private void apply(Layer layer, List<Digest> below) {
        try {
            if (SnapshotChain.exists(target, SnapshotChain.name(append(below, layer.diffId())))) {
                return;
            }
            progress.layer(layer, false);
            if (SnapshotChain.extend(target, below, layer)) {
                // the apply has verified the diff ID
                content.label(layer.blob().digest(), Map.of(ImageKeys.UNCOMPRESSED_LABEL, layer.diffId().toString()));
            }
            progress.layer(layer, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Digest> append(List<Digest> list, Digest last) {
        List<Digest> longer = new ArrayList<>(list);
        longer.add(last);
        return longer;
    }
}
