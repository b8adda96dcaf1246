package io.jcontainerd.client;

import io.jcontainerd.image.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin as the introspection service reports it.
 *
 * @param exports   unordered, like the daemon's map
 * @param initError present when the plugin failed or skipped loading
 */
public record PluginInfo(
        String type,
        String id,
        List<String> requires,
        List<Platform> platforms,
        Map<String, String> exports,
        List<String> capabilities,
        Optional<PluginError> initError) {
    public PluginInfo {
        requires = List.copyOf(requires);
        platforms = List.copyOf(platforms);
        exports = Map.copyOf(exports);
        capabilities = List.copyOf(capabilities);
    }
}
