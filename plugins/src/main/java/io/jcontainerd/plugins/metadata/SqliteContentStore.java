package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.namespaces.Labels;
import io.jcontainerd.core.leases.Resource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One namespace's view of the shared blob store, as upstream's metadata {@code contentStore}: a
 * blob is visible only to the namespaces that own it (a row in {@code content_blobs}), labels
 * live here, and ingests are the blob store's ingests whose ref carries this namespace's prefix.
 */
final class SqliteContentStore implements ContentStore {
    /** How long an ingest no lease holds survives its last open, as upstream. */
    static final Duration UNLEASED_INGEST_LIFETIME = Duration.ofHours(24);

    private final MetadataDatabase db;
    private final ContentStore blobs;
    private final BlobSweeper sweeper;
    private final boolean shared;
    private final String namespace;
    private final Optional<String> lease;
    private final BlobRecords records;
    private final IngestRecords ingests;

    /**
     * @param shared the {@code shared} content sharing policy: a namespace may claim a blob by its digest alone
     * @param lease  the lease of the calls this store serves: what they create is added to it
     */
    SqliteContentStore(MetadataDatabase db, ContentStore blobs, BlobSweeper sweeper, boolean shared, String namespace,
                       Optional<String> lease) {
        this.db = db;
        this.blobs = blobs;
        this.sweeper = sweeper;
        this.shared = shared;
        this.namespace = namespace;
        this.lease = lease;
        this.records = new BlobRecords(namespace);
        this.ingests = new IngestRecords(namespace);
    }

    @Override
    public Info info(Digest digest) {
        return db.read(c -> records.find(c, digest)).orElseThrow(() -> digestNotFound(digest));
    }

    @Override
    public Info update(Info info, List<String> fieldpaths) {
        return db.write(c -> {
            Info current = records.find(c, info.digest()).orElseThrow(() -> digestNotFound(info.digest()));
            Map<String, String> labels = updatedLabels(current, info, fieldpaths);
            validateLabels(labels);
            Info updated = new Info(current.digest(), current.size(), current.createdAt(), Instant.now(),
                    BlobRecords.stored(labels));
            records.update(c, updated);
            return updated;
        });
    }

    /** Upstream's field paths: {@code labels} replaces all, {@code labels.<key>} one; none means all. */
    private static Map<String, String> updatedLabels(Info current, Info requested, List<String> fieldpaths) {
        if (fieldpaths.isEmpty()) {
            return requested.labels();
        }
        Map<String, String> labels = new HashMap<>(current.labels());
        for (String path : fieldpaths) {
            if (path.startsWith("labels.")) {
                String key = path.substring("labels.".length());
                labels.put(key, requested.labels().getOrDefault(key, ""));
            } else if (path.equals("labels")) {
                labels = new HashMap<>(requested.labels());
            } else {
                throw Errdefs.invalidArgument("cannot update " + Errdefs.quote(path) + " field on content info "
                        + Errdefs.quote(requested.digest().toString()));
            }
        }
        return labels;
    }

    @Override
    public void walk(Predicate<Info> filter, Consumer<Info> visitor) {
        // read first, visit after: a slow visitor must not hold the database
        for (Info info : db.read(records::all)) {
            if (filter.test(info)) {
                visitor.accept(info);
            }
        }
    }

    /**
     * Removes this namespace's ownership (and the call's lease's hold); the bytes go at the next
     * garbage collection if no namespace owns them any more.
     */
    @Override
    public void delete(Digest digest) {
        db.write(c -> {
            if (!records.delete(c, digest)) {
                throw digestNotFound(digest);
            }
            LeaseResources.releaseIfLeased(c, namespace, lease, contentResource(digest));
            sweeper.markDirty();
            db.markDirty();
            return null;
        });
    }

    @Override
    public ReaderAt readerAt(Digest digest) throws IOException {
        if (!db.read(c -> records.owns(c, digest))) {
            throw digestNotFound(digest);
        }
        return blobs.readerAt(digest);
    }

    @Override
    public void dropCached(Digest digest) {
        blobs.dropCached(digest);
    }

    @Override
    public Status status(String ref) throws IOException {
        try {
            return withRef(blobs.status(blobRef(ref)), ref);
        } catch (ErrdefsException e) {
            throw e.kind() == ErrorKind.NOT_FOUND ? referenceNotFound(ref) : e;
        }
    }

    @Override
    public List<Status> listStatuses(Predicate<Status> filter) throws IOException {
        String prefix = blobRef("");
        List<Status> statuses = new ArrayList<>();
        for (Status status : blobs.listStatuses(s -> s.ref().startsWith(prefix))) {
            Status mine = withRef(status, status.ref().substring(prefix.length()));
            if (filter.test(mine)) {
                statuses.add(mine);
            }
        }
        return statuses;
    }

    @Override
    public void abort(String ref) throws IOException {
        db.write(c -> {
            ingests.delete(c, ref);
            LeaseResources.releaseIfLeased(c, namespace, lease, ingestResource(ref));
            return null;
        });
        try {
            blobs.abort(blobRef(ref));
        } catch (ErrdefsException e) {
            throw e.kind() == ErrorKind.NOT_FOUND ? referenceNotFound(ref) : e;
        }
    }

    /**
     * Opens a writer as upstream: ALREADY_EXISTS when this namespace owns {@code expected}; under
     * the shared policy a blob another namespace stored (of the announced size, if any) is
     * claimed without its bytes, by committing; otherwise the bytes are written to an ingest
     * under this namespace's prefix. The blob store is never told the expected digest, so that
     * bytes another namespace holds can still be written (isolated policy) and committed here.
     */
    @Override
    public Writer writer(String ref, long total, Digest expected) throws IOException {
        if (ref == null || ref.isEmpty()) {
            throw Errdefs.invalidArgument("ref must not be empty");
        }
        Opened opened = db.write(c -> {
            if (expected != null && records.find(c, expected).isPresent()) {
                LeaseResources.holdIfLeased(c, namespace, lease, contentResource(expected));
                return new Opened(true, Optional.empty());
            }
            // recorded before any bytes land, so the sweep neither aborts the ingest nor deletes what it claims
            ingests.open(c, ref, expected, lease.isPresent() ? null : Instant.now().plus(UNLEASED_INGEST_LIFETIME));
            LeaseResources.holdIfLeased(c, namespace, lease, ingestResource(ref));
            Optional<Info> claimable = shared && expected != null ? existingBlob(expected) : Optional.empty();
            return new Opened(false, claimable.filter(info -> total == 0 || total == info.size()));
        });
        if (opened.owned()) {
            throw Errdefs.alreadyExists("content " + expected);
        }
        if (opened.claimable().isPresent()) {
            return new NamespacedWriter(this, ref, opened.claimable().get(), null);
        }
        Writer ingest = blobs.writer(blobRef(ref), total, null);
        if (expected != null && committedWhileLocked(ref, expected)) {
            // its ingest is the fresh one just opened: gone before the lock is let go
            try (ingest) {
                blobs.abort(blobRef(ref));
            }
            throw Errdefs.alreadyExists("content " + expected);
        }
        return new NamespacedWriter(this, ref, null, ingest);
    }

    /**
     * Whether the writer that held {@code ref} while the blob store made this one wait committed
     * {@code expected} meanwhile (another pull of the same image): then, as if the blob had been
     * found first, the lease holds the blob instead of the ingest.
     */
    private boolean committedWhileLocked(String ref, Digest expected) {
        // that writer let the ref go inside its metadata write: wait for the write to commit
        if (db.readExcludingWrites(c -> records.find(c, expected)).isEmpty()) {
            return false;
        }
        db.write(c -> {
            ingests.delete(c, ref);
            LeaseResources.releaseIfLeased(c, namespace, lease, ingestResource(ref));
            LeaseResources.holdIfLeased(c, namespace, lease, contentResource(expected));
            return null;
        });
        return true;
    }

    /** What opening a writer found: the namespace owns the blob already, or another namespace's blob it may claim. */
    private record Opened(boolean owned, Optional<Info> claimable) {
    }

    private Optional<Info> existingBlob(Digest digest) {
        try {
            return Optional.of(blobs.info(digest));
        } catch (ErrdefsException | IOException e) {
            return Optional.empty();
        }
    }

    /** Starts (or resumes) the blob-store ingest behind a claiming writer that is now given bytes. */
    Writer openIngest(String ref, long total) throws IOException {
        return blobs.writer(blobRef(ref), total, null);
    }

    ReaderAt readBlob(Digest digest) throws IOException {
        return blobs.readerAt(digest);
    }

    /**
     * Records this namespace's ownership of a blob already on disk, in one transaction with
     * {@code diskCommit} (which may find the blob present: that is fine, the bytes are the same).
     * A failure after the disk commit leaves an unowned blob, which garbage collection removes.
     *
     * @throws ErrdefsException ALREADY_EXISTS when the namespace already owned it
     */
    void recordCommit(String ref, DiskCommit diskCommit, Map<String, String> labels) {
        validateLabels(labels);
        Digest committed = db.write(c -> {
            CommittedBlob blob = diskCommit.run();
            SqliteNamespaceStore.ensureNamespace(c, namespace);
            Instant now = Instant.now();
            boolean inserted = records.insert(c, new Info(blob.digest(), blob.size(), now, now,
                    BlobRecords.stored(labels)));
            // as upstream, even when the namespace had the blob: the ingest is over, the lease holds the blob
            ingests.delete(c, ref);
            LeaseResources.releaseIfLeased(c, namespace, lease, ingestResource(ref));
            LeaseResources.holdIfLeased(c, namespace, lease, contentResource(blob.digest()));
            return inserted ? null : blob.digest();
        });
        if (committed != null) {
            throw Errdefs.alreadyExists("content " + committed);
        }
    }

    /** Puts the bytes in place (or checks a claimed blob) and says which blob it is. */
    @FunctionalInterface
    interface DiskCommit {
        CommittedBlob run();
    }

    record CommittedBlob(Digest digest, long size) {
    }

    private static void validateLabels(Map<String, String> labels) {
        try {
            Labels.validate(labels);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "info.Labels: " + e.getMessage(), e);
        }
    }

    /** The blob store's ref for this namespace's {@code ref}: namespaces cannot contain '/', so prefixes never collide. */
    private String blobRef(String ref) {
        return namespace + "/" + ref;
    }

    private static Status withRef(Status s, String ref) {
        return new Status(ref, s.offset(), s.total(), s.expected(), s.startedAt(), s.updatedAt());
    }

    private static Resource contentResource(Digest digest) {
        return new Resource(digest.toString(), Resource.CONTENT);
    }

    private static Resource ingestResource(String ref) {
        return new Resource(ref, Resource.INGESTS);
    }

    private static ErrdefsException digestNotFound(Digest digest) {
        return Errdefs.notFound("content digest " + digest);
    }

    private static ErrdefsException referenceNotFound(String ref) {
        return Errdefs.notFound("reference " + ref);
    }
}
