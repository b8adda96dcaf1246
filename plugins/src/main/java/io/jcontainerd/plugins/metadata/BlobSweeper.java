package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The second half of a collection, upstream's content {@code garbageCollect}: deletes the blobs
 * no namespace owns and no ingest announced, and aborts blob-store ingests no record describes.
 * It runs under the database lock, so no commit can record a blob between the check and the delete,
 * and after the collection's transaction has committed, so no rollback can bring back a record of
 * a blob it deleted.
 * Starts dirty, so the first collection also clears what a crash left (a blob written but never recorded).
 */
final class BlobSweeper {
    private static final System.Logger LOG = System.getLogger(BlobSweeper.class.getName());

    private final ContentStore blobs;
    private final AtomicBoolean dirty = new AtomicBoolean(true);

    BlobSweeper(ContentStore blobs) {
        this.blobs = blobs;
    }

    /** A blob record or an ingest record went: the next collection sweeps the blob store. */
    void markDirty() {
        dirty.set(true);
    }

    /** {@return how many blobs were deleted} nothing when no record went since the last sweep */
    int sweepIfDirty(Connection c) throws SQLException {
        if (!dirty.getAndSet(false)) {
            return 0;
        }
        Set<String> kept = strings(c, "SELECT digest FROM content_blobs UNION "
                + "SELECT expected FROM content_ingests WHERE expected IS NOT NULL");
        Set<String> ingests = strings(c, "SELECT namespace || '/' || ref FROM content_ingests");
        try {
            List<Digest> garbage = new ArrayList<>();
            blobs.walk(info -> !kept.contains(info.digest().toString()), (Info info) -> garbage.add(info.digest()));
            for (Digest digest : garbage) {
                blobs.delete(digest);
            }
            for (Status status : blobs.listStatuses(s -> !ingests.contains(s.ref()))) {
                abort(status.ref());
            }
            return garbage.size();
        } catch (IOException | RuntimeException e) {
            dirty.set(true); // try again next time
            throw new SQLException("sweep blob store: " + e.getMessage(), e);
        }
    }

    private void abort(String ref) throws IOException {
        try {
            blobs.abort(ref);
        } catch (ErrdefsException e) {
            // a writer still holds it: the next sweep tries again
            LOG.log(System.Logger.Level.DEBUG, "keeping ingest " + ref + ": " + e.getMessage());
            dirty.set(true);
        }
    }

    private static Set<String> strings(Connection c, String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
