package io.jcontainerd.daemon.config;

import java.util.List;
import java.util.Map;

/** The effective config: typed, as a tree (for {@code config dump}), and what was ignored. */
public record LoadedConfig(DaemonConfig config, Map<String, Object> tree, List<String> warnings) {
    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
