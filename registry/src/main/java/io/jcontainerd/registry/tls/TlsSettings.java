package io.jcontainerd.registry.tls;

import java.nio.file.Path;
import java.util.List;

/**
 * How to make TLS connections to one registry host.
 *
 * @param caCertificates PEM files of CAs trusted besides the system's roots
 * @param clientKeyPairs client certificates offered when the server asks for one
 * @param skipVerify     accept any server certificate for any name (testing only)
 */
public record TlsSettings(List<Path> caCertificates, List<ClientKeyPair> clientKeyPairs, boolean skipVerify) {
    /** The JDK's defaults: system roots, no client certificate, full verification. */
    public static final TlsSettings DEFAULT = new TlsSettings(List.of(), List.of(), false);

    public TlsSettings {
        caCertificates = List.copyOf(caCertificates);
        clientKeyPairs = List.copyOf(clientKeyPairs);
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
