package io.jcontainerd.services.namespaces;

import com.google.protobuf.Message;
import containerd.events.Namespace.NamespaceCreate;
import containerd.events.Namespace.NamespaceDelete;
import containerd.events.Namespace.NamespaceUpdate;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.events.Publisher;
import io.jcontainerd.core.metadata.MetadataStore;
import io.jcontainerd.core.namespaces.NamespaceStore;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.events.EventProtos;
import java.util.List;
import java.util.Map;

/**
 * {@code io.containerd.service.v1 namespaces-service}: namespace operations over the metadata
 * store, with containerd's update-mask rules, publishing {@code /namespaces/create}, {@code update}
 * and {@code delete} events as upstream does.
 *
 * <p>Create and update events go to the caller's namespace (the request's namespace header), the
 * delete event to the deleted namespace. As upstream, the event is published after the change is
 * stored, so a caller without a namespace gets an error for a change that did happen.
 */
public final class NamespacesService {
    public static final String ID = "namespaces-service";
    private final NamespaceStore store;
    private final Publisher publisher;

    public NamespacesService(NamespaceStore store, Publisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    public static Registration<NamespacesService> registration() {
        return Registration.of(PluginTypes.SERVICE, ID, List.of(PluginTypes.EVENT, PluginTypes.METADATA),
                ctx -> new NamespacesService(ctx.plugins().single(PluginTypes.METADATA, MetadataStore.class).namespaces(),
                        ctx.plugins().single(PluginTypes.EVENT, Publisher.class)));
    }

    /** @param callerNamespace the request's namespace, null or empty if it had none */
    public void create(String callerNamespace, String name, Map<String, String> labels) {
        store.create(name, labels);
        publish(callerNamespace, "/namespaces/create",
                NamespaceCreate.newBuilder().setName(name).putAllLabels(labels).build());
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
     * The event carries the request's labels, as upstream's does.
     *
     * @param callerNamespace the request's namespace, null or empty if it had none
     */
    public void update(String callerNamespace, String name, Map<String, String> labels, List<String> maskPaths) {
        updateLabels(name, labels, maskPaths);
        publish(callerNamespace, "/namespaces/update",
                NamespaceUpdate.newBuilder().setName(name).putAllLabels(labels).build());
    }

    private void updateLabels(String name, Map<String, String> labels, List<String> maskPaths) {
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
        publish(name, "/namespaces/delete", NamespaceDelete.newBuilder().setName(name).build());
    }

    private void publish(String namespace, String topic, Message event) {
        try {
            publisher.publish(namespace, topic, EventProtos.payload(event));
        } catch (ErrdefsException e) {
            // upstream returns the publisher's error as is, not through errdefs.ToGRPC: clients see Unknown
            throw new ErrdefsException(ErrorKind.UNKNOWN, e.getMessage(), e);
        }
    }
}
