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
                    ) WITHOUT ROWID""")));

    private Schema() {
    }

    public static int latestVersion() {
        return MIGRATIONS.getLast().version();
    }
}
