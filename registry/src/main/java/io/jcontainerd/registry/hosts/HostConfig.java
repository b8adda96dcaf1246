package io.jcontainerd.registry.hosts;

import io.jcontainerd.registry.tls.ClientKeyPair;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One endpoint as a hosts directory describes it, before clients are made for it.
 *
 * @param scheme       "" until filled with a default
 * @param host         host[:port]; "" for the entry that stands for the namespace's default server
 * @param path         the API root, normally {@code /v2}; "" with {@code override_path} and no path
 * @param skipVerify   null when not configured (the default TLS decides)
 * @param header       extra request headers, in file order
 */
public record HostConfig(String scheme, String host, String path, Set<HostCapability> capabilities,
                         List<Path> caCertificates, List<ClientKeyPair> clientKeyPairs, Boolean skipVerify,
                         Map<String, List<String>> header) {
    public HostConfig {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        caCertificates = List.copyOf(caCertificates);
        clientKeyPairs = List.copyOf(clientKeyPairs);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        header.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        header = Collections.unmodifiableMap(copy);
    }

    /** The entry a namespace gets when nothing is configured for it: to be filled with defaults. */
    static HostConfig unconfigured() {
        return new HostConfig("", "", "", Set.of(), List.of(), List.of(), null, Map.of());
    }

    /** {@return whether any TLS setting is configured, so the host needs a client of its own} */
    public boolean hasTlsSettings() {
        return !caCertificates.isEmpty() || !clientKeyPairs.isEmpty() || skipVerify != null;
    }

    HostConfig withEndpoint(String newScheme, String newHost, String newPath, Set<HostCapability> newCapabilities,
                            Boolean newSkipVerify) {
        return new HostConfig(newScheme, newHost, newPath, newCapabilities, caCertificates, clientKeyPairs, newSkipVerify, header);
    }
}
