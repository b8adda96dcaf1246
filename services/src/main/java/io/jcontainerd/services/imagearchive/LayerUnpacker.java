package io.jcontainerd.services.imagearchive;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.diff.StagedApplier;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.leases.LeaseIds;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.image.SnapshotChain;
import io.jcontainerd.image.Layer;
import io.jcontainerd.image.archive.ArchiveContent;
import io.jcontainerd.image.archive.ImageKeys;
import io.jcontainerd.services.diff.DiffService;
import io.jcontainerd.services.snapshots.ServiceSnapshots;
import io.jcontainerd.services.snapshots.SnapshotsService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Unpacks layer chains into snapshots named by chain ID, as containerd's unpacker, while the
 * archive is still being read: a layer is applied ({@link UnpackThreads}) as soon as its blob is
 * in the content store and its parent chain is committed ({@link SnapshotChain}). Each (chain,
 * blob) is applied once, whether it was asked for early or at the end; an existing chain is reused.
 *
 * <p>A layer whose blob comes before its parent's can be applied ahead ({@link #applyAhead}):
 * onto a snapshot without parent, whose tree moves into the chain's snapshot once the parent is
 * committed ({@link StagedApplier}); its diff ID is checked against the chain's before it is
 * committed, as any apply's. Layers applied ahead that no chain took are removed at {@link #close}.
 * Where the archive is a file the daemon reads at random, a layer applied ahead is read from
 * its place there ({@link #blobReadable}), beside the blob's ingest rather than after it; its
 * tree joins a chain only once the blob is committed, its digest verified.
 */
final class LayerUnpacker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LayerUnpacker.class.getName());

    private final SnapshotChain.Target target;
    private final Optional<StagedApplier> stager;
    private final ArchiveContent content;
    private final UnpackThreads threads;
    private final UnpackProgress progress;
    private final Map<Digest, CompletableFuture<Void>> blobs = new ConcurrentHashMap<>();
    /** Blobs whose bytes can be read, committed or not: complete once in the archive's file or committed. */
    private final Map<Digest, CompletableFuture<Void>> readable = new ConcurrentHashMap<>();
    /** Where in the archive's file a blob's bytes are, for those not read from the content store. */
    private final Map<Digest, BlobBytes> inArchive = new ConcurrentHashMap<>();
    /** Blobs whose bytes in the archive's file were committed under the digest their name gave. */
    private final Set<Digest> verifiedInArchive = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
    /** Layers asked to be applied ahead, by blob: empty when that was not done. */
    private final Map<Digest, CompletableFuture<Optional<AheadLayer>>> ahead = new ConcurrentHashMap<>();
    /** Snapshots of layers applied ahead, until moved into a chain or removed. */
    private final Set<String> staging = ConcurrentHashMap.newKeySet();
    /** Set on the reading thread; blobs written after it (compressed layers) are there when asked for. */
    private volatile boolean archiveRead;

    /** A blob's bytes, opened anew on each call. */
    interface BlobBytes {
        InputStream open() throws IOException;
    }

    /** Told when a layer's apply starts and ends. */
    interface UnpackProgress {
        void layer(Layer layer, boolean done);
    }

    /**
     * A layer applied ahead onto snapshot {@code key}.
     *
     * @param fromArchive read from the archive's file, not from a committed blob
     */
    private record AheadLayer(String key, StagedApplier.Staged staged, boolean fromArchive) {
    }

    /**
     * @param applyAhead whether layers may be applied ahead: the snapshotter keeps each layer in an
     *                   overlay upper directory of its own (overlayfs)
     */
    LayerUnpacker(String namespace, Snapshotter snapshotter, SnapshotsService snapshots, DiffService diff,
                  boolean applyAhead, ArchiveContent content, UnpackThreads threads, UnpackProgress progress) {
        this.target = new ServiceSnapshots(snapshots, snapshotter, diff, namespace);
        this.stager = applyAhead ? diff.stagedApplier() : Optional.empty();
        this.content = content;
        this.threads = threads;
        this.progress = progress;
    }

    /** The blob is committed: layers waiting for it may go. */
    void blobReady(Digest digest) {
        blob(digest).complete(null);
        readable(digest).complete(null);
    }

    /** The bytes that {@link #blobReadable} named {@code digest} were committed as that blob. */
    void blobVerifiedInArchive(Digest digest) {
        verifiedInArchive.add(digest);
    }

    /** The blob's bytes can be read from the archive's file, before it is committed: a layer applied ahead may go. */
    void blobReadable(Digest digest, BlobBytes bytes) {
        inArchive.put(digest, bytes);
        readable(digest).complete(null);
    }

    /**
     * The archive is read: layers still waiting go (and find their blob, or that it is missing),
     * and so do layers scheduled from now on.
     */
    void allBlobsReady() {
        archiveRead = true;
        blobs.values().forEach(f -> f.complete(null));
        readable.values().forEach(f -> f.complete(null));
    }

    /**
     * Applies a layer blob that is not a chain's first ahead, once its bytes can be read (a
     * manifest names it; its chain is not known yet). Only a head start: if it cannot be done, the layer is
     * applied in its chain as usual (and a bad layer fails there, with the chain's error).
     */
    void applyAhead(Descriptor layerBlob) {
        if (stager.isPresent()) {
            ahead.computeIfAbsent(layerBlob.digest(), d -> readable(d).thenApplyAsync(v -> stage(layerBlob, () -> false),
                    threads.ahead()));
        }
    }

    /** {@return completes when the whole chain is unpacked; starts what is not started yet} */
    CompletableFuture<Void> schedule(List<Layer> layers) {
        CompletableFuture<Void> parentDone = CompletableFuture.completedFuture(null);
        List<Digest> chain = new ArrayList<>();
        for (Layer layer : layers) {
            List<Digest> below = List.copyOf(chain);
            chain.add(layer.diffId());
            CompletableFuture<Void> previous = parentDone;
            Digest blob = layer.blob().digest();
            parentDone = chains.computeIfAbsent(SnapshotChain.name(chain) + " " + blob, k -> {
                // a blob that is in before its parent's chain is committed goes ahead
                CompletableFuture<Optional<AheadLayer>> applied = below.isEmpty() || stager.isEmpty()
                        ? ahead.getOrDefault(blob, CompletableFuture.completedFuture(Optional.empty()))
                        : ahead.computeIfAbsent(blob, d -> readable(d).thenComposeAsync(v -> previous.isDone()
                                ? CompletableFuture.completedFuture(Optional.empty())
                                : CompletableFuture.supplyAsync(() -> stage(layer.blob().toDescriptor(), previous::isDone),
                                        threads.ahead()), threads.chain()));
                return previous.thenCombine(blob(blob), (a, b) -> a).thenCombine(applied, (a, staged) -> staged)
                        .thenAcceptAsync(staged -> apply(layer, below, staged), threads.chain());
            });
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

    /**
     * Removes the snapshots of layers applied ahead that no chain took. Call once the unpack
     * threads have stopped.
     */
    @Override
    public void close() {
        for (String key : List.copyOf(staging)) {
            remove(key);
        }
    }

    private CompletableFuture<Void> blob(Digest digest) {
        return archiveRead ? CompletableFuture.completedFuture(null) : blobs.computeIfAbsent(digest, d -> new CompletableFuture<>());
    }

    private CompletableFuture<Void> readable(Digest digest) {
        return archiveRead ? CompletableFuture.completedFuture(null)
                : readable.computeIfAbsent(digest, d -> new CompletableFuture<>());
    }

    /** {@return the blob's bytes: from the archive's file where known, else from the content store} */
    private InputStream open(Digest digest) throws IOException {
        BlobBytes archived = inArchive.get(digest);
        if (archived != null) {
            return archived.open();
        }
        return content.stream(digest);
    }

    /** {@return whether a blob in the content store is labelled as unpacked before; false for one not committed yet} */
    private boolean unpackedBefore(Digest digest) throws IOException {
        try {
            return content.info(digest).labels().containsKey(ImageKeys.UNCOMPRESSED_LABEL);
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
            return false;
        }
    }

    /** @param parentDone whether the layer's parent chain is committed by now: then it is applied there */
    private Optional<AheadLayer> stage(Descriptor layerBlob, BooleanSupplier parentDone) {
        if (parentDone.getAsBoolean()) {
            return Optional.empty();
        }
        String key = "extract-" + LeaseIds.random() + " ahead " + layerBlob.digest();
        try {
            if (unpackedBefore(layerBlob.digest())) {
                return Optional.empty(); // its chain is likely there
            }
            List<Mount> mounts = target.prepare(key, "");
            staging.add(key);
            boolean fromArchive = inArchive.containsKey(layerBlob.digest());
            return Optional.of(new AheadLayer(key, stager.orElseThrow().applyAhead(layerBlob, open(layerBlob.digest()), mounts),
                    fromArchive));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "layer " + layerBlob.digest() + " not applied ahead: " + e.getMessage());
            remove(key);
            return Optional.empty();
        }
    }

    private void apply(Layer layer, List<Digest> below, Optional<AheadLayer> appliedAhead) {
        // a tree from the archive's bytes counts only if they are the blob: committed under the name's digest
        Optional<AheadLayer> staged = appliedAhead.filter(
                s -> !s.fromArchive() || verifiedInArchive.contains(layer.blob().digest()));
        try {
            if (SnapshotChain.exists(target, SnapshotChain.name(append(below, layer.diffId())))) {
                return;
            }
            progress.layer(layer, false);
            boolean applied = staged.isPresent()
                    ? SnapshotChain.extend(target, below, layer, mounts -> moveInto(staged.get(), layer, mounts))
                    : SnapshotChain.extend(target, below, layer);
            if (applied) {
                // the apply has verified the diff ID
                content.label(layer.blob().digest(), Map.of(ImageKeys.UNCOMPRESSED_LABEL, layer.diffId().toString()));
            }
            progress.layer(layer, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            appliedAhead.ifPresent(s -> remove(s.key()));
        }
    }

    /** The layer applied ahead, moved onto the chain's new snapshot; applied there if it cannot move. */
    private Descriptor moveInto(AheadLayer staged, Layer layer, List<Mount> mounts) throws IOException {
        try {
            stager.orElseThrow().moveInto(staged.staged(), mounts);
            return staged.staged().applied();
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.NOT_IMPLEMENTED) {
                throw e;
            }
            return target.apply(layer.blob().toDescriptor(), mounts);
        }
    }

    private void remove(String key) {
        try {
            target.remove(key);
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                LOG.log(System.Logger.Level.WARNING, "removing snapshot " + key + " failed: " + e.getMessage());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "removing snapshot " + key + " failed: " + e.getMessage());
        }
        staging.remove(key);
    }

    private static List<Digest> append(List<Digest> list, Digest last) {
        List<Digest> longer = new ArrayList<>(list);
        longer.add(last);
        return longer;
    }
}
