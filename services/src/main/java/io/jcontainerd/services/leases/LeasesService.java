package io.jcontainerd.services.leases;

import io.jcontainerd.core.gc.GcScheduler;
import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.core.leases.LeaseStore;
import io.jcontainerd.core.leases.Resource;
import io.jcontainerd.core.metadata.MetadataStore;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.util.List;
import java.util.Map;

/**
 * {@code io.containerd.service.v1 leases-service}: lease operations over the metadata store, per
 * namespace, with the GC scheduler to honour {@code sync} on delete.
 */
public final class LeasesService {
    public static final String ID = "leases-service";
    private final LeaseStore store;
    private final GcScheduler gc;

    public LeasesService(LeaseStore store, GcScheduler gc) {
        this.store = store;
        this.gc = gc;
    }

    public static Registration<LeasesService> registration() {
        return Registration.of(PluginTypes.SERVICE, ID, List.of(PluginTypes.METADATA, PluginTypes.GC),
                ctx -> new LeasesService(ctx.plugins().single(PluginTypes.METADATA, MetadataStore.class).leases(),
                        ctx.plugins().single(PluginTypes.GC, GcScheduler.class)));
    }

    /** An empty {@code id} gets a generated one, as containerd's Create does. */
    public Lease create(String namespace, String id, Map<String, String> labels) {
        return store.in(namespace).create(id, labels);
    }

    /** Deletes the lease; with {@code sync}, answers only after a garbage collection has removed what it alone held. */
    public void delete(String namespace, String id, boolean sync) throws InterruptedException {
        store.in(namespace).delete(id);
        if (sync) {
            gc.collectAndWait();
        }
    }

    public List<Lease> list(String namespace, List<String> filters) {
        return store.in(namespace).list(filters);
    }

    public void addResource(String namespace, String leaseId, Resource resource) {
        store.in(namespace).addResource(leaseId, resource);
    }

    public void deleteResource(String namespace, String leaseId, Resource resource) {
        store.in(namespace).deleteResource(leaseId, resource);
    }

    public List<Resource> listResources(String namespace, String leaseId) {
        return store.in(namespace).listResources(leaseId);
    }
}
