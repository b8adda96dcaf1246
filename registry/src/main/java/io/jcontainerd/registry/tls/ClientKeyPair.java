package io.jcontainerd.registry.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A client certificate and its private key, as PEM files.
 *
 * @param key the key's file; the certificate's own file when one file holds both
 */
public record ClientKeyPair(Path certificate, Path key) {
    public ClientKeyPair {
        Objects.requireNonNull(certificate, "certificate");
        key = key == null ? certificate : key;
    }

    /** {@return a pair whose certificate and key are in one file} */
    public static ClientKeyPair combined(Path file) {
        return new ClientKeyPair(file, file);
    }
}
