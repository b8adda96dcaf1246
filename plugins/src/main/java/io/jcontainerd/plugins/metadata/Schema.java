package io.jcontainerd.plugins.metadata;

import java.util.List;

/**
 * The metadata schema as an ordered list of migrations; {@code PRAGMA user_version} records how
 * many are applied. Never edit a released migration: append a new one.
 */
public final class Schema {
    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "namespaces and their labels", List.of(
                    """
                    CREATE TABLE namespaces (
                        name       TEXT PRIMARY KEY NOT NULL,
                        created_at INTEGER NOT NULL
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE namespace_labels (
                        namespace TEXT NOT NULL REFERENCES namespaces(name) ON DELETE CASCADE,
                        key       TEXT NOT NULL,
                        value     TEXT NOT NULL,
                        PRIMARY KEY (namespace, key)
                    ) WITHOUT ROWID""")),
            new Migration(2, "leases, their labels and the resources they hold", List.of(
                    """
                    CREATE TABLE leases (
                        namespace  TEXT NOT NULL REFERENCES namespaces(name) ON DELETE CASCADE,
                        id         TEXT NOT NULL,
                        created_at INTEGER NOT NULL, -- nanoseconds since the epoch
                        PRIMARY KEY (namespace, id)
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE lease_labels (
                        namespace TEXT NOT NULL,
                        lease     TEXT NOT NULL,
                        key       TEXT NOT NULL,
                        value     TEXT NOT NULL,
                        PRIMARY KEY (namespace, lease, key),
                        FOREIGN KEY (namespace, lease) REFERENCES leases(namespace, id) ON DELETE CASCADE
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE lease_resources (
                        namespace TEXT NOT NULL,
                        lease     TEXT NOT NULL,
                        type      TEXT NOT NULL, -- content, ingests or snapshots/<snapshotter>
                        id        TEXT NOT NULL,
                        PRIMARY KEY (namespace, lease, type, id),
                        FOREIGN KEY (namespace, lease) REFERENCES leases(namespace, id) ON DELETE CASCADE
                    ) WITHOUT ROWID""")),
            new Migration(3, "the blobs each namespace owns, and their labels", List.of(
                    """
                    CREATE TABLE content_blobs (
                        namespace  TEXT NOT NULL REFERENCES namespaces(name),
                        digest     TEXT NOT NULL,
                        size       INTEGER NOT NULL,
                        created_at INTEGER NOT NULL, -- nanoseconds since the epoch
                        updated_at INTEGER NOT NULL, -- nanoseconds since the epoch
                        PRIMARY KEY (namespace, digest)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX content_blobs_by_digest ON content_blobs(digest)",
                    """
                    CREATE TABLE content_blob_labels (
                        namespace TEXT NOT NULL,
                        digest    TEXT NOT NULL,
                        key       TEXT NOT NULL,
                        value     TEXT NOT NULL,
                        PRIMARY KEY (namespace, digest, key),
                        FOREIGN KEY (namespace, digest) REFERENCES content_blobs(namespace, digest) ON DELETE CASCADE
                    ) WITHOUT ROWID""")),
            new Migration(4, "ingests in progress, so garbage collection can expire them and keep what they claim", List.of(
                    """
                    CREATE TABLE content_ingests (
                        namespace  TEXT NOT NULL REFERENCES namespaces(name) ON DELETE CASCADE,
                        ref        TEXT NOT NULL,
                        expected   TEXT,    -- the digest announced at open, kept while the ingest lives
                        expires_at INTEGER, -- nanoseconds since the epoch; NULL while a lease holds it
                        PRIMARY KEY (namespace, ref)
                    ) WITHOUT ROWID""")),
            new Migration(5, "images, their labels and their targets' annotations", List.of(
                    """
                    CREATE TABLE images (
                        namespace         TEXT NOT NULL REFERENCES namespaces(name),
                        name              TEXT NOT NULL,
                        target_media_type TEXT NOT NULL,
                        target_digest     TEXT NOT NULL,
                        target_size       INTEGER NOT NULL,
                        created_at        INTEGER NOT NULL, -- nanoseconds since the epoch
                        updated_at        INTEGER NOT NULL, -- nanoseconds since the epoch
                        PRIMARY KEY (namespace, name)
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE image_labels (
                        namespace TEXT NOT NULL,
                        image     TEXT NOT NULL,
                        key       TEXT NOT NULL,
                        value     TEXT NOT NULL,
                        PRIMARY KEY (namespace, image, key),
                        FOREIGN KEY (namespace, image) REFERENCES images(namespace, name) ON DELETE CASCADE
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE image_annotations (
                        namespace TEXT NOT NULL,
                        image     TEXT NOT NULL,
                        key       TEXT NOT NULL,
                        value     TEXT NOT NULL,
                        PRIMARY KEY (namespace, image, key),
                        FOREIGN KEY (namespace, image) REFERENCES images(namespace, name) ON DELETE CASCADE
                    ) WITHOUT ROWID""")),
            new Migration(6, "snapshots per namespace and snapshotter, mapped to the backend's keys", List.of(
                    """
                    CREATE TABLE snapshots (
                        namespace   TEXT NOT NULL REFERENCES namespaces(name),
                        ref         TEXT NOT NULL, -- <snapshotter>/<key>, as leases and gc labels name it
                        snapshotter TEXT NOT NULL,
                        key         TEXT NOT NULL,
                        backend_key TEXT NOT NULL, -- <namespace>/<sequence>/<key> in the backend
                        parent      TEXT NOT NULL, -- the parent's key in this namespace, '' for none
                        created_at  INTEGER NOT NULL, -- nanoseconds since the epoch
                        updated_at  INTEGER NOT NULL, -- nanoseconds since the epoch
                        PRIMARY KEY (namespace, ref)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX snapshots_by_parent ON snapshots(namespace, snapshotter, parent)",
                    "CREATE INDEX snapshots_by_backend_key ON snapshots(snapshotter, backend_key)",
                    """
                    CREATE TABLE snapshot_labels (
                        namespace TEXT NOT NULL,
                        ref       TEXT NOT NULL,
                        key       TEXT NOT NULL,
                        value     TEXT NOT NULL,
                        PRIMARY KEY (namespace, ref, key),
                        FOREIGN KEY (namespace, ref) REFERENCES snapshots(namespace, ref) ON DELETE CASCADE
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE snapshot_sequences (
                        namespace   TEXT NOT NULL,
                        snapshotter TEXT NOT NULL,
                        last        INTEGER NOT NULL,
                        PRIMARY KEY (namespace, snapshotter)
                    ) WITHOUT ROWID""")),
            new Migration(7, "containers, their labels and extensions", List.of(
                    """
                    CREATE TABLE containers (
                        namespace        TEXT NOT NULL REFERENCES namespaces(name),
                        id               TEXT NOT NULL,
                        image            TEXT NOT NULL,
                        runtime_name     TEXT NOT NULL,
                        runtime_options_type TEXT, -- NULL when the runtime has no options
                        runtime_options  BLOB,
                        spec_type        TEXT NOT NULL,
                        spec             BLOB NOT NULL,
                        snapshotter      TEXT NOT NULL,
                        snapshot_key     TEXT NOT NULL,
                        created_at       INTEGER NOT NULL, -- nanoseconds since the epoch
                        updated_at       INTEGER NOT NULL, -- nanoseconds since the epoch
                        PRIMARY KEY (namespace, id)
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE container_labels (
                        namespace TEXT NOT NULL,
                        container TEXT NOT NULL,
                        key       TEXT NOT NULL,
                        value     TEXT NOT NULL,
                        PRIMARY KEY (namespace, container, key),
                        FOREIGN KEY (namespace, container) REFERENCES containers(namespace, id) ON DELETE CASCADE
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE container_extensions (
                        namespace TEXT NOT NULL,
                        container TEXT NOT NULL,
                        name      TEXT NOT NULL,
                        type_url  TEXT NOT NULL,
                        value     BLOB NOT NULL,
                        PRIMARY KEY (namespace, container, name),
                        FOREIGN KEY (namespace, container) REFERENCES containers(namespace, id) ON DELETE CASCADE
                    ) WITHOUT ROWID""")));

    private Schema() {
    }

    public static int latestVersion() {
        return MIGRATIONS.getLast().version();
    }
}
