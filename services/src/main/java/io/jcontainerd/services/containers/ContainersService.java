package io.jcontainerd.services.containers;

import containerd.events.Container.ContainerCreate;
import containerd.events.Container.ContainerDelete;
import containerd.events.Container.ContainerUpdate;
import io.jcontainerd.api.convert.ContainerProtos;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.containers.NamespacedContainerStore;
import io.jcontainerd.core.events.Publisher;
import io.jcontainerd.core.metadata.MetadataStore;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.events.EventProtos;
import java.util.List;

/**
 * {@code io.containerd.service.v1 containers-service}: the metadata layer's containers per
 * namespace, publishing {@code /containers/create|update|delete}.
 */
public final class ContainersService {
    public static final String ID = "containers-service";
    private final NamespacedContainerStore store;
    private final Publisher publisher;

    public ContainersService(NamespacedContainerStore store, Publisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    public static Registration<ContainersService> registration() {
        return Registration.of(PluginTypes.SERVICE, ID, List.of(PluginTypes.METADATA, PluginTypes.EVENT),
                ctx -> new ContainersService(ctx.plugins().single(PluginTypes.METADATA, MetadataStore.class).containers(),
                        ctx.plugins().single(PluginTypes.EVENT, Publisher.class)));
    }

    public Container get(String namespace, String id) {
        return store.in(namespace).get(id);
    }

    public List<Container> list(String namespace, List<String> filters) {
        return store.in(namespace).list(filters);
    }

    public Container create(String namespace, Container container) {
        Container created = store.in(namespace).create(container);
        var runtime = ContainerCreate.Runtime.newBuilder().setName(created.runtime().name());
        if (created.runtime().options() != null) {
            runtime.setOptions(ContainerProtos.any(created.runtime().options()));
        }
        publisher.publish(namespace, "/containers/create", EventProtos.payload(ContainerCreate.newBuilder()
                .setId(created.id()).setImage(created.image()).setRuntime(runtime).build()));
        return created;
    }

    public Container update(String namespace, Container container, List<String> fieldpaths) {
        Container updated = store.in(namespace).update(container, fieldpaths);
        publisher.publish(namespace, "/containers/update", EventProtos.payload(ContainerUpdate.newBuilder()
                .setId(updated.id()).setImage(updated.image()).putAllLabels(updated.labels())
                .setSnapshotKey(updated.snapshotKey()).build()));
        return updated;
    }

    public void delete(String namespace, String id) {
        store.in(namespace).delete(id);
        publisher.publish(namespace, "/containers/delete", EventProtos.payload(
                ContainerDelete.newBuilder().setId(id).build()));
    }
}
