package io.jcontainerd.registry.hosts;

import java.util.List;

/** The endpoints that serve a namespace (the host part of a reference), in the order to try them. */
@FunctionalInterface
public interface RegistryHosts {
    /**
     * @param namespace e.g. {@code docker.io} or {@code localhost:5000}
     * @return possibly empty when the namespace is configured to have no endpoint
     * @throws io.jcontainerd.core.errdefs.ErrdefsException when its configuration cannot be applied
     */
    List<RegistryHost> hosts(String namespace);
}
