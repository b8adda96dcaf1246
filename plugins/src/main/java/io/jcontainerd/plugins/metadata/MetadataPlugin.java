package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.snapshots.NamespacedSnapshotters;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code io.containerd.metadata.v1 bolt}: keeps containerd's ID so configs and clients see the
 * same plugin, but the store is SQLite ({@value #FILE_NAME} under the plugin root).
 */
public final class MetadataPlugin {
    public static final String ID = "bolt";
    public static final String FILE_NAME = "meta.sqlite";

    private MetadataPlugin() {
    }

    public static Registration<Metadata> registration() {
        return new Registration<>(PluginTypes.METADATA, ID, List.of(PluginTypes.CONTENT, PluginTypes.SNAPSHOTTER),
                MetadataConfig::defaults, ctx -> {
                    MetadataConfig config = ctx.config(MetadataConfig.class);
                    config.validate();
                    ContentStore blobs = ctx.plugins().single(PluginTypes.CONTENT, ContentStore.class);
                    return open(ctx.root().resolve(FILE_NAME), config, blobs,
                            ctx.plugins().byType(PluginTypes.SNAPSHOTTER, Snapshotter.class));
                });
    }

    /** Opens the database at {@code file} with the stores on it and no snapshotters. */
    public static Metadata open(Path file, MetadataConfig config, ContentStore blobs) throws IOException {
        return open(file, config, blobs, Map.of());
    }

    /**
     * Opens the database at {@code file} with the stores on it; {@code blobs} is the store the
     * content is kept in, {@code snapshotters} the backends by name.
     */
    public static Metadata open(Path file, MetadataConfig config, ContentStore blobs,
                                Map<String, Snapshotter> snapshotters) throws IOException {
        MetadataDatabase db = MetadataDatabase.open(file);
        boolean shared = MetadataConfig.SHARED.equals(config.contentSharingPolicy());
        MetadataCollector collector = new MetadataCollector(db, blobs, snapshotters);
        NamespacedSnapshotters namespacedSnapshotters = new NamespacedSnapshotters() {
            @Override
            public Set<String> names() {
                return new TreeSet<>(snapshotters.keySet());
            }

            @Override
            public Snapshotter in(String name, String namespace, Optional<String> lease) {
                Snapshotter backend = snapshotters.get(name);
                if (backend == null) {
                    throw Errdefs.notFound("snapshotter " + name);
                }
                return new SqliteSnapshotter(db, collector.snapshotSweeper(), name, backend, namespace, lease);
            }
        };
        return new Metadata(db, config, new SqliteNamespaceStore(db,
                List.of(SqliteImageStore.KIND, BlobRecords.KIND, SqliteContainerStore.KIND, new SnapshotRecordsHeld())),
                namespace -> new SqliteLeaseStore(db, namespace),
                (namespace, lease) -> new SqliteContentStore(db, blobs, collector.sweeper(), shared, namespace, lease),
                namespace -> new SqliteImageStore(db, namespace), namespacedSnapshotters,
                namespace -> new SqliteContainerStore(db, namespace), collector);
    }
}
