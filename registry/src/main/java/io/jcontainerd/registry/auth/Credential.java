package io.jcontainerd.registry.auth;

import java.util.Objects;

/**
 * A username and secret for one registry. An empty username with a secret means the secret is a
 * long-lived identity (refresh) token, as upstream reads it.
 */
public record Credential(String username, String secret) {
    public Credential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
    }

    /** The secret stays out of logs and error messages. */
    @Override
    public String toString() {
        return "Credential[username=" + username + ", secret=" + (secret.isEmpty() ? "" : "***") + "]";
    }
}
