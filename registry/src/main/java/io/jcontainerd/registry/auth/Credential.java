package io.jcontainerd.registry.auth;

import java.util.Objects;

/**
 * A username and secret for one registry. An empty username with a secret means the secret is a
 * long-lived identity (refresh) token, as upstream reads it.
 *
 * @param authorization a ready {@code Authorization} value (e.g. {@code Bearer …}) that answers
 *                      any challenge as it is, instead of username and secret; empty for none
 */
public record Credential(String username, String secret, String authorization) {
    public Credential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(authorization, "authorization");
    }

    public Credential(String username, String secret) {
        this(username, secret, "");
    }

    /** {@return a credential that is the whole {@code Authorization} value (a transfer auth stream's HEADER answer)} */
    public static Credential header(String authorization) {
        return new Credential("", "", authorization);
    }

    /** The secrets stay out of logs and error messages. */
    @Override
    public String toString() {
        return "Credential[username=" + username + ", secret=" + (secret.isEmpty() ? "" : "***")
                + (authorization.isEmpty() ? "" : ", authorization=***") + "]";
    }
}
