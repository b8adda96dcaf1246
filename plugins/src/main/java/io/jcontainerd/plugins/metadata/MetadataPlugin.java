package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
        return new Registration<>(PluginTypes.METADATA, ID, List.of(PluginTypes.CONTENT), MetadataConfig::defaults,
                ctx -> {
                    MetadataConfig config = ctx.config(MetadataConfig.class);
                    config.validate();
                    ContentStore blobs = ctx.plugins().single(PluginTypes.CONTENT, ContentStore.class);
                    return open(ctx.root().resolve(FILE_NAME), config, blobs);
                });
    }

    /** Opens the database at {@code file} with the stores on it; {@code blobs} is the store the content is kept in. */
    public static Metadata open(Path file, MetadataConfig config, ContentStore blobs) throws IOException {
        MetadataDatabase db = MetadataDatabase.open(file);
        boolean shared = MetadataConfig.SHARED.equals(config.contentSharingPolicy());
        MetadataCollector collector = new MetadataCollector(db, blobs);
        return new Metadata(db, config, new SqliteNamespaceStore(db, List.of(SqliteImageStore.KIND, BlobRecords.KIND)),
                namespace -> new SqliteLeaseStore(db, namespace),
                (namespace, lease) -> new SqliteContentStore(db, blobs, collector.sweeper(), shared, namespace, lease),
                namespace -> new SqliteImageStore(db, namespace), collector);
    }
}
