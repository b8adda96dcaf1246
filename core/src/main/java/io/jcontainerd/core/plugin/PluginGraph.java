package io.jcontainerd.core.plugin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Orders registrations so that every plugin comes after the plugins of the types it requires,
 * keeping declaration order otherwise (deterministic, like upstream's depth-first Graph).
 * Duplicates and dependency cycles are programming errors and fail at startup.
 */
public final class PluginGraph {
    private PluginGraph() {
    }

    public static List<Registration<?>> order(List<Registration<?>> registrations, Predicate<Registration<?>> disabled) {
        Set<String> uris = new HashSet<>();
        for (Registration<?> r : registrations) {
            if (!uris.add(r.uri())) {
                throw new IllegalStateException("plugin " + r.uri() + " registered twice");
            }
        }
        List<Registration<?>> enabled = registrations.stream().filter(disabled.negate()).toList();
        Set<Registration<?>> added = new LinkedHashSet<>();
        for (Registration<?> r : enabled) {
            visit(r, enabled, added, new ArrayList<>());
        }
        return List.copyOf(added);
    }

    private static void visit(Registration<?> r, List<Registration<?>> all, Set<Registration<?>> added,
                              List<Registration<?>> path) {
        if (added.contains(r)) {
            return;
        }
        if (path.contains(r)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(r), path.size()).stream()
                    .map(Registration::uri).toList());
            cycle.add(r.uri());
            throw new IllegalStateException("plugin dependency cycle: " + String.join(" -> ", cycle));
        }
        path.add(r);
        for (PluginType required : r.requires()) {
            for (Registration<?> dep : all) {
                if (dep != r && (required.equals(PluginType.ANY) || dep.type().equals(required))) {
                    visit(dep, all, added, path);
                }
            }
        }
        path.removeLast();
        added.add(r);
    }
}
