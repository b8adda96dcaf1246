package io.jcontainerd.core.plugin;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a plugin gets while it initialises: its own root and state directories (named after its
 * URI, not created until the plugin needs them), its decoded config, a place to report metadata,
 * the plugins initialised before it, and daemon-wide properties (addresses, version).
 */
public record InitContext(
        Registration<?> registration,
        Path root,
        Path state,
        Record config,
        PluginMeta meta,
        PluginSet plugins,
        Map<String, String> properties) {

    public static final String PROPERTY_GRPC_ADDRESS = "grpc.address";
    public static final String PROPERTY_TTRPC_ADDRESS = "ttrpc.address";
    public static final String PROPERTY_ROOT = "root";
    public static final String PROPERTY_STATE = "state";

    public InitContext {
        properties = Map.copyOf(properties);
    }

    public <C extends Record> C config(Class<C> type) {
        return type.cast(config);
    }

    public String property(String key) {
        String v = properties.get(key);
        if (v == null) {
            throw new IllegalStateException("daemon property " + key + " is not set");
        }
        return v;
    }
}
