package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Snapshotter;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The backend half of snapshot collection, upstream's {@code cleanupSnapshotter}: removes the
 * backend snapshots no record names, children before parents, then lets the backend clean up.
 * Each snapshotter has a lock: calls that create backend snapshots before recording them hold it
 * shared, the sweep holds it alone, so it never takes a snapshot that is about to be recorded.
 * Lock order: this lock, then the database's. Starts dirty, to clear what a crash left.
 */
final class SnapshotSweeper {
    private static final System.Logger LOG = System.getLogger(SnapshotSweeper.class.getName());

    private final Map<String, Snapshotter> backends;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Map<String, ReadWriteLock> locks = new ConcurrentHashMap<>();

    SnapshotSweeper(Map<String, Snapshotter> backends) {
        this.backends = Map.copyOf(backends);
        dirty.addAll(backends.keySet());
    }

    void markDirty(String snapshotter) {
        dirty.add(snapshotter);
    }

    ReadWriteLock lock(String snapshotter) {
        return locks.computeIfAbsent(snapshotter, s -> new ReentrantReadWriteLock());
    }

    /** Sweeps each snapshotter that lost a record since its last sweep. */
    void sweepDirty(MetadataDatabase db) {
        for (String name : List.copyOf(dirty)) {
            dirty.remove(name);
            Snapshotter backend = backends.get(name);
            if (backend == null) {
                continue;
            }
            ReadWriteLock lock = lock(name);
            lock.writeLock().lock();
            try {
                // the records are read first and the backend swept outside the database: this
                // snapshotter's lock keeps out every call that makes a backend snapshot before it
                // records it, so the list stays complete while a slow removal runs. The read waits
                // for a write in progress: a removal marks this snapshotter dirty before it commits,
                // and a sweep that read the row it was deleting would keep its snapshot and clear the mark
                sweep(db.readExcludingWrites(c -> referenced(c, name)), name, backend);
            } catch (RuntimeException e) {
                dirty.add(name);
                LOG.log(System.Logger.Level.WARNING, "snapshot cleanup of " + name + " failed: " + e.getMessage());
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    private static Set<String> referenced(Connection c, String name) throws SQLException {
        Set<String> referenced = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT backend_key FROM snapshots WHERE snapshotter = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    referenced.add(rs.getString(1));
                }
            }
        }
        return referenced;
    }

    private static void sweep(Set<String> referenced, String name, Snapshotter backend) {
        try {
            List<String> garbage = new ArrayList<>();
            backend.walk(info -> !referenced.contains(info.name()), (Info info) -> garbage.add(info.name()));
            // a parent refuses removal while a child exists: remove in passes until nothing moves
            boolean progress = true;
            while (!garbage.isEmpty() && progress) {
                progress = false;
                for (String key : List.copyOf(garbage)) {
                    try {
                        backend.remove(key);
                        garbage.remove(key);
                        progress = true;
                    } catch (ErrdefsException e) {
                        if (e.kind() != ErrorKind.FAILED_PRECONDITION) {
                            throw e;
                        }
                    }
                }
            }
            backend.cleanup();
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "cleanup snapshotter " + name + ": " + e.getMessage(), e);
        }
    }
}
