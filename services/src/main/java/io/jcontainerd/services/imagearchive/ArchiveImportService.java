package io.jcontainerd.services.imagearchive;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.Layer;
import io.jcontainerd.image.archive.ArchiveImporter;
import io.jcontainerd.image.archive.BlobListener;
import io.jcontainerd.image.archive.ImportedImages;
import io.jcontainerd.services.content.ContentService;
import io.jcontainerd.services.diff.DiffService;
import io.jcontainerd.services.images.ImagesService;
import io.jcontainerd.services.leases.LeasesService;
import io.jcontainerd.services.snapshots.SnapshotsService;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports an image archive inside the daemon: the tar is read once, each file written as a blob
 * (hashed once, by the content writer), and layers are unpacked on other threads while the rest
 * of the archive is still coming ({@link EarlyUnpack}). The images get the names and GC labels
 * {@code ctr images import} gives them ({@link ImportedImages}); they are created only once
 * everything asked for is unpacked, so a bad layer leaves no image. All of it under a temporary
 * lease, so nothing is collected half-way and nothing of a failed import outlives it (nor of
 * one a crash cut off, once the daemon starts again).
 */
public final class ArchiveImportService {
    /** Marks the temporary lease of an import under way. */
    public static final String IMPORT_LABEL = "jcontainerd.io/import";
    private static final Duration LEASE_EXPIRY = Duration.ofHours(24);
    /** The snapshotter whose layers each have an upper directory of their own: they can be applied ahead. */
    private static final String OVERLAYFS = "overlayfs";

    private final ContentService content;
    private final ImagesService images;
    private final SnapshotsService snapshots;
    private final DiffService diff;
    private final LeasesService leases;

    public ArchiveImportService(ContentService content, ImagesService images, SnapshotsService snapshots,
                                DiffService diff, LeasesService leases) {
        this.content = content;
        this.images = images;
        this.snapshots = snapshots;
        this.diff = diff;
        this.leases = leases;
    }

    /**
     * {@return the images created or retargeted, in the order the archive names them}
     *
     * @param lease   the caller's lease, which then holds what is imported; empty for a temporary one
     * @param archive the archive's bytes, in order
     * @param file    the same archive read at random, where it is a file: layers are unpacked from
     *                their place in it while their blobs are still being written
     */
    public List<Image> importArchive(String namespace, Optional<String> lease, InputStream archive, Optional<ReaderAt> file,
                                     ImportRequest request, TransferProgress progress) throws IOException {
        String leaseId = lease.orElseGet(() -> leases.create(namespace, "", Map.of(IMPORT_LABEL, "archive",
                GcLabels.EXPIRE, Instant.now().plus(LEASE_EXPIRY).truncatedTo(ChronoUnit.SECONDS).toString())).id());
        UnpackThreads unpackThreads = new UnpackThreads();
        Optional<LayerUnpacker> unpacker = Optional.empty();
        try {
            StoreArchiveContent store = new StoreArchiveContent(content.in(namespace, Optional.of(leaseId)));
            unpacker = request.unpack().map(u -> new LayerUnpacker(namespace,
                    snapshots.snapshotter(u.snapshotter(), namespace, Optional.of(leaseId)), snapshots, diff,
                    u.snapshotter().equals(OVERLAYFS), store, unpackThreads,
                    (layer, done) -> progress.event(done ? "extracted" : "extracting",
                            "layer-" + layer.blob().digest(), done ? layer.blob().size() : 0, layer.blob().size(),
                            layer.blob().toDescriptor())));
            BlobListener listener = (name, digest, size) -> progress.event("complete", name, size, size,
                    Descriptor.of("", digest, size));
            if (unpacker.isPresent()) {
                EarlyUnpack early = new EarlyUnpack(store, file, request.unpack().orElseThrow().platform(), unpacker.orElseThrow());
                early.scanArchive();
                BlobListener saved = listener;
                listener = (name, digest, size) -> {
                    saved.ingested(name, digest, size);
                    early.ingested(name, digest, size);
                };
            }
            ImageDescriptor index;
            try {
                index = new ArchiveImporter(store, request.options().compressLayers()).importIndex(archive, listener);
            } finally {
                unpacker.ifPresent(LayerUnpacker::allBlobsReady);
            }
            List<Image> named = ImportedImages.of(store, index, request.options());
            if (unpacker.isPresent()) {
                ImportRequest.Unpack target = request.unpack().orElseThrow();
                for (Image image : named) {
                    unpack(store, unpacker.get(), image, target);
                }
            }
            List<Image> stored = new ArrayList<>(named.size());
            for (Image image : named) {
                stored.add(createOrUpdate(namespace, Image.of(image.name(), image.target(), request.labels())));
                progress.event("saved", image.name(), 0, 0, image.target());
            }
            return stored;
        } finally {
            unpackThreads.close();
            unpacker.ifPresent(LayerUnpacker::close);
            if (lease.isEmpty()) {
                deleteLease(namespace, leaseId);
            }
        }
    }

    /** The image's layers for the platform unpacked, and its config labelled with the top snapshot for GC. */
    private static void unpack(StoreArchiveContent store, LayerUnpacker unpacker, Image image, ImportRequest.Unpack target)
            throws IOException {
        ImageDescriptor manifestOrIndex = ImageDescriptor.from(image.target());
        List<Layer> layers = Images.layers(store, manifestOrIndex, target.platform());
        String chainId = unpacker.unpack(layers);
        ImageDescriptor config = Images.config(store, manifestOrIndex, target.platform());
        store.label(config.digest(), Map.of(GcLabels.SNAPSHOT_REF + target.snapshotter(), chainId));
    }

    private Image createOrUpdate(String namespace, Image image) {
        try {
            return images.update(namespace, image, image.labels().isEmpty() ? List.of("target") : List.of("target", "labels"));
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
            return images.create(namespace, image);
        }
    }

    private void deleteLease(String namespace, String leaseId) {
        try {
            leases.delete(namespace, leaseId, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
