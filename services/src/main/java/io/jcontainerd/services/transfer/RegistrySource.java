package io.jcontainerd.services.transfer;

import io.jcontainerd.core.streaming.Stream;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image in a registry ({@code containerd.types.transfer.OCIRegistry}): what a pull reads, where a push writes.
 *
 * @param reference     e.g. {@code 127.0.0.1:5000/library/alpine:3}
 * @param headers       added to every registry request
 * @param hostDir       directory of hosts.toml files; empty for the plugin's {@code config_path}
 * @param defaultScheme scheme of hosts without configuration; "http" is plain HTTP, empty is https
 * @param authStream    where credentials are asked for, when the client offered a stream
 */
public record RegistrySource(String reference, Map<String, String> headers, String hostDir, String defaultScheme,
                             Optional<Stream> authStream) implements TransferEnd {
    public RegistrySource {
        Objects.requireNonNull(reference, "reference");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(hostDir, "hostDir");
        Objects.requireNonNull(defaultScheme, "defaultScheme");
        Objects.requireNonNull(authStream, "authStream");
    }

    @Override
    public String toString() {
        return "OCI Registry (" + reference + ")";
    }
}
