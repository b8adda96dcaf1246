package io.jcontainerd.registry;

import io.jcontainerd.registry.hosts.HostCapability;
import io.jcontainerd.registry.hosts.RegistryHost;
import io.jcontainerd.image.reference.ReferenceSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reference's repository and the endpoints that serve it: what resolve, fetch and push share
 * (upstream's {@code dockerBase}).
 */
final class RegistryBase {
    private final ReferenceSpec spec;
    private final List<RegistryHost> hosts;
    private final Map<String, List<String>> headers;

    RegistryBase(ReferenceSpec spec, List<RegistryHost> hosts, Map<String, List<String>> headers) {
        this.spec = spec;
        this.hosts = List.copyOf(hosts);
        this.headers = headers;
    }

    ReferenceSpec spec() {
        return spec;
    }

    List<RegistryHost> hostsWith(Set<HostCapability> capabilities) {
        return hosts.stream().filter(h -> h.has(capabilities)).toList();
    }

    /**
     * A request to {@code <api root>/<repository>/<parts…>} on {@code host} carrying the resolver's
     * and the host's headers; a mirror also gets {@code ns=<namespace>}, so a proxy knows whose
     * content is asked for.
     */
    RegistryRequest request(RegistryHost host, String method, String... parts) {
        StringBuilder path = new StringBuilder();
        appendSegments(path, host.path());
        appendSegments(path, spec.repository());
        for (String part : parts) {
            appendSegments(path, part);
        }
        if (parts.length > 0 && parts[parts.length - 1].endsWith("/")) {
            path.append('/');
        }
        RegistryRequest request = new RegistryRequest(method, host, path.isEmpty() ? "/" : path.toString())
                .addHeaders(headers).addHeaders(host.header());
        if (host.isProxyFor(spec.hostname())) {
            request.query("ns", URLEncoder.encode(spec.hostname(), StandardCharsets.UTF_8));
        }
        return request;
    }

    /** A request to a path the registry gave (an upload's Location), with the same headers as {@link #request}. */
    RegistryRequest requestAt(RegistryHost host, String method, String rawPath) {
        return new RegistryRequest(method, host, rawPath).addHeaders(headers).addHeaders(host.header());
    }

    /** Go's path.Join for names that never hold "." or ".." segments: empty segments dropped. */
    private static void appendSegments(StringBuilder path, String segments) {
        for (String segment : segments.split("/")) {
            if (!segment.isEmpty()) {
                path.append('/').append(segment);
            }
        }
    }
}
