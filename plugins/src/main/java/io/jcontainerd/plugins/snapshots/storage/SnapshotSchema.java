package io.jcontainerd.plugins.snapshots.storage;

import io.jcontainerd.plugins.metadata.Migration;
import java.util.List;

/**
 * The tables of a snapshotter's own metadata file, as an ordered list of migrations (never edit a
 * released one: append). This is a separate database from the daemon's metadata: each
 * snapshotter keeps its own under its root, as upstream's {@code metadata.db}.
 */
final class SnapshotSchema {
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "snapshots, their parents and labels", List.of(
                    """
                    CREATE TABLE snapshots (
                        -- AUTOINCREMENT: ids name directories, so one is never handed out twice
                        id         INTEGER PRIMARY KEY AUTOINCREMENT,
                        key        TEXT NOT NULL UNIQUE, -- the key of an active or view, the name of a committed snapshot
                        kind       TEXT NOT NULL CHECK (kind IN ('active', 'view', 'committed')),
                        parent_id  INTEGER REFERENCES snapshots(id), -- a committed snapshot, whose id never changes
                        created_at INTEGER NOT NULL, -- nanoseconds since the epoch
                        updated_at INTEGER NOT NULL, -- nanoseconds since the epoch
                        inodes     INTEGER NOT NULL DEFAULT 0, -- usage, recorded at commit
                        size       INTEGER NOT NULL DEFAULT 0
                    )""",
                    "CREATE INDEX snapshots_by_parent ON snapshots(parent_id)",
                    """
                    CREATE TABLE snapshot_labels (
                        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
                        key         TEXT NOT NULL,
                        value       TEXT NOT NULL,
                        PRIMARY KEY (snapshot_id, key)
                    ) WITHOUT ROWID""")));

    private SnapshotSchema() {
    }
}
