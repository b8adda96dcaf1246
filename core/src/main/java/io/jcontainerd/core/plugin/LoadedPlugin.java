package io.jcontainerd.core.plugin;

import java.util.Optional;

/**
 * One plugin after the init loop: its registration, what it reported, and either its instance
 * (status ok) or the reason it has none (skip or error).
 */
public record LoadedPlugin(Registration<?> registration, PluginMeta meta, Object instance, Throwable error) {

    public PluginStatus status() {
        if (error == null) {
            return PluginStatus.OK;
        }
        return error instanceof SkipPluginException ? PluginStatus.SKIP : PluginStatus.ERROR;
    }

    public Optional<Object> instanceIfOk() {
        return Optional.ofNullable(instance);
    }

    public PluginType type() {
        return registration.type();
    }

    public String id() {
        return registration.id();
    }
}
