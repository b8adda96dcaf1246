package io.jcontainerd.core.plugin;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a plugin declares: its type and ID (containerd's names), the types it requires (initialised
 * before it), its config record with defaults (or none), and how to create it.
 *
 * @param configDefaults supplies a fresh default config record; {@code null} for plugins without options
 */
public record Registration<T>(
        PluginType type,
        String id,
        List<PluginType> requires,
        Supplier<? extends Record> configDefaults,
        PluginInit<T> init) {

    public Registration {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(init, "init");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("plugin id must not be empty for type " + type);
        }
        requires = List.copyOf(requires);
        if (requires.contains(type)) {
            throw new IllegalArgumentException("plugin " + type + "." + id + " requires its own type");
        }
    }

    public static <T> Registration<T> of(PluginType type, String id, List<PluginType> requires, PluginInit<T> init) {
        return new Registration<>(type, id, requires, null, init);
    }

    /** {@return type + "." + id, the key of the plugin's config section and its root/state dirs} */
    public String uri() {
        return type.value() + "." + id;
    }

    public boolean hasConfig() {
        return configDefaults != null;
    }
}
