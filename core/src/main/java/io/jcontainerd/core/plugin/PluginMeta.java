package io.jcontainerd.core.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a plugin reports about itself while it initialises: platforms, exports, capabilities. */
public final class PluginMeta {
    private final List<String> platforms = new ArrayList<>();
    private final Map<String, String> exports = new LinkedHashMap<>();
    private final List<String> capabilities = new ArrayList<>();

    /** Adds a platform in containerd's "os/arch[/variant]" form. */
    public PluginMeta platform(String platform) {
        platforms.add(platform);
        return this;
    }

    public PluginMeta export(String key, String value) {
        exports.put(key, value);
        return this;
    }

    public PluginMeta capability(String capability) {
        capabilities.add(capability);
        return this;
    }

    public List<String> platforms() {
        return List.copyOf(platforms);
    }

    public Map<String, String> exports() {
        return Map.copyOf(exports);
    }

    public List<String> capabilities() {
        return List.copyOf(capabilities);
    }
}
