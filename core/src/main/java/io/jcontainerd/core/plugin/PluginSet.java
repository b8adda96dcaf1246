package io.jcontainerd.core.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plugins initialised so far, in init order; lookups see only plugins whose status is ok. */
public final class PluginSet {
    private final List<LoadedPlugin> loaded = new ArrayList<>();

    void add(LoadedPlugin plugin) {
        loaded.add(plugin);
    }

    /** {@return every plugin in init order, including skipped and failed ones} */
    public List<LoadedPlugin> all() {
        return Collections.unmodifiableList(loaded);
    }

    /** {@return the only ok plugin of {@code type}; fails if there is none or more than one} */
    public <T> T single(PluginType type, Class<T> api) {
        List<LoadedPlugin> ok = loaded.stream()
                .filter(p -> p.type().equals(type) && p.instance() != null).toList();
        if (ok.size() != 1) {
            throw new IllegalStateException(ok.isEmpty()
                    ? "no plugin of type " + type + " is loaded"
                    : "more than one plugin of type " + type + " is loaded");
        }
        return api.cast(ok.getFirst().instance());
    }

    public <T> Optional<T> byId(PluginType type, String id, Class<T> api) {
        return loaded.stream()
                .filter(p -> p.type().equals(type) && p.id().equals(id) && p.instance() != null)
                .findFirst()
                .map(p -> api.cast(p.instance()));
    }

    /** {@return the ok plugins of {@code type} by ID, in init order} */
    public <T> Map<String, T> byType(PluginType type, Class<T> api) {
        Map<String, T> out = new LinkedHashMap<>();
        for (LoadedPlugin p : loaded) {
            if (p.type().equals(type) && p.instance() != null) {
                out.put(p.id(), api.cast(p.instance()));
            }
        }
        return out;
    }

    /** {@return instances implementing {@code api}, in init order (e.g. every gRPC service)} */
    public <T> List<T> instancesOf(Class<T> api) {
        return loaded.stream().map(LoadedPlugin::instance).filter(api::isInstance).map(api::cast).toList();
    }
}
