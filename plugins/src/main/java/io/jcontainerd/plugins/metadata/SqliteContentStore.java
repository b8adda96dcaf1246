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
import java.io.IOException;
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
    private final MetadataDatabase db;
    private final ContentStore blobs;
    private final boolean shared;
    private final String namespace;
    private final BlobRecords records;

    /** @param shared the {@code shared} content sharing policy: a namespace may claim a blob by its digest alone */
    SqliteContentStore(MetadataDatabase db, ContentStore blobs, boolean shared, String namespace) {
        this.db = db;
        this.blobs = blobs;
        this.shared = shared;
        this.namespace = namespace;
        this.records = new BlobRecords(namespace);
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
     * Removes this namespace's ownership; the bytes go too once no namespace owns them. That
     * second step is garbage collection's job upstream and moves there when GC arrives.
     */
    @Override
    public void delete(Digest digest) {
        db.write(c -> {
            if (!records.delete(c, digest)) {
                throw digestNotFound(digest);
            }
            if (!BlobRecords.ownedAnywhere(c, digest)) {
                // inside the transaction, so no namespace can claim the blob while it goes
                try {
                    blobs.delete(digest);
                } catch (ErrdefsException e) {
                    if (e.kind() != ErrorKind.NOT_FOUND) {
                        throw e;
                    }
                } catch (IOException e) {
                    throw new ErrdefsException(ErrorKind.UNKNOWN, "delete blob " + digest + ": " + e.getMessage(), e);
                }
            }
            return null;
        });
    }

    @Override
    public ReaderAt readerAt(Digest digest) throws IOException {
        info(digest);
        return blobs.readerAt(digest);
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
        if (expected != null) {
            if (db.read(c -> records.find(c, expected)).isPresent()) {
                throw Errdefs.alreadyExists("content " + expected);
            }
            Optional<Info> claimable = shared ? existingBlob(expected) : Optional.empty();
            if (claimable.isPresent() && (total == 0 || total == claimable.get().size())) {
                return new NamespacedWriter(this, ref, claimable.get(), null);
            }
        }
        return new NamespacedWriter(this, ref, null, blobs.writer(blobRef(ref), total, null));
    }

    private Optional<Info> existingBlob(Digest digest) throws IOException {
        try {
            return Optional.of(blobs.info(digest));
        } catch (ErrdefsException e) {
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
    void recordCommit(DiskCommit diskCommit, Map<String, String> labels) {
        validateLabels(labels);
        Digest committed = db.write(c -> {
            CommittedBlob blob = diskCommit.run();
            SqliteNamespaceStore.ensureNamespace(c, namespace);
            Instant now = Instant.now();
            boolean inserted = records.insert(c, new Info(blob.digest(), blob.size(), now, now,
                    BlobRecords.stored(labels)));
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

    private static ErrdefsException digestNotFound(Digest digest) {
        return Errdefs.notFound("content digest " + digest);
    }

    private static ErrdefsException referenceNotFound(String ref) {
        return Errdefs.notFound("reference " + ref);
    }
}
