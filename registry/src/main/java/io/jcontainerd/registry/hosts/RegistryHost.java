package io.jcontainerd.registry.hosts;

import io.jcontainerd.registry.auth.Authorizer;
import java.net.http.HttpClient;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One endpoint that serves a namespace, ready to use, as upstream's {@code docker.RegistryHost}.
 *
 * @param scheme "http" or "https"
 * @param host   host[:port] requests go to
 * @param path   the API root, e.g. {@code /v2}
 * @param header extra headers for every request to this endpoint
 */
public record RegistryHost(String scheme, String host, String path, Set<HostCapability> capabilities,
                           Map<String, List<String>> header, HttpClient client, Authorizer authorizer) {
    public RegistryHost {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        header.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        header = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(authorizer, "authorizer");
    }

    public boolean has(Set<HostCapability> wanted) {
        return capabilities.containsAll(wanted);
    }

    /**
     * {@return whether this endpoint serves {@code namespace} for another host (a mirror), so
     * requests name the namespace in an {@code ns} query parameter}
     */
    public boolean isProxyFor(String namespace) {
        return !namespace.equals(host) && !(namespace.equals("docker.io") && host.equals("registry-1.docker.io"));
    }

    /** {@return this endpoint moved to another scheme and host (a redirected upload), without its authorizer} */
    public RegistryHost movedTo(String newScheme, String newHost) {
        return new RegistryHost(newScheme, newHost, path, capabilities, header, client, Authorizer.NONE);
    }

    @Override
    public String toString() {
        return scheme + "://" + host + path + " " + capabilities;
    }
}
