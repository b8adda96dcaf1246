package io.jcontainerd.services.namespaces;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.metadata.MetadataStore;
import io.jcontainerd.core.namespaces.NamespaceStore;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.util.List;
import java.util.Map;

/**
 * {@code io.containerd.service.v1 namespaces-service}: namespace operations over the metadata
 * store, with containerd's update-mask rules. (Events join when the exchange exists.)
 */
public final class NamespacesService {
    public static final String ID = "namespaces-service";
    private final NamespaceStore store;

    public NamespacesService(NamespaceStore store) {
        this.store = store;
    }

    public static Registration<NamespacesService> registration() {
        return Registration.of(PluginTypes.SERVICE, ID, List.of(PluginTypes.METADATA),
                ctx -> new NamespacesService(ctx.plugins().single(PluginTypes.METADATA, MetadataStore.class).namespaces()));
    }

    public void create(String name, Map<String, String> labels) {
        store.create(name, labels);
    }

    /** Upstream returns an empty label set, not NotFound, for a namespace it does not know. */
    public Map<String, String> labels(String name) {
        return store.labels(name);
    }

    public List<String> list() {
        return store.list();
    }

    /**
     * Applies {@code labels} to {@code name}: with no mask paths all labels are replaced; a
     * {@code labels.<key>} path sets (or with no value, removes) that one key; other paths are invalid.
     */
    public void update(String name, Map<String, String> labels, List<String> maskPaths) {
        if (maskPaths.isEmpty()) {
            store.replaceLabels(name, labels);
            return;
        }
        for (String path : maskPaths) {
            if (!path.startsWith("labels.")) {
                throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "cannot update " + Errdefs.quote(path) + " field");
            }
        }
        for (String path : maskPaths) {
            String key = path.substring("labels.".length());
            store.setLabel(name, key, labels.getOrDefault(key, ""));
        }
    }

    public void delete(String name) {
        store.delete(name);
    }
}
