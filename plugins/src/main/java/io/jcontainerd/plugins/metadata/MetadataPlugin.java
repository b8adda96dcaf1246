package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
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
        return new Registration<>(PluginTypes.METADATA, ID, List.of(), MetadataConfig::defaults, ctx -> {
            MetadataConfig config = ctx.config(MetadataConfig.class);
            config.validate();
            MetadataDatabase db = MetadataDatabase.open(ctx.root().resolve(FILE_NAME));
            return new Metadata(db, config, new SqliteNamespaceStore(db, List.of()),
                    namespace -> new SqliteLeaseStore(db, namespace));
        });
    }
}
