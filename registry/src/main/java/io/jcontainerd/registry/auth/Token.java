package io.jcontainerd.registry.auth;

import java.time.Instant;

/** A bearer token and when it stops being used. The value stays out of {@link #toString()}. */
record Token(String value, Instant expiresAt) {
    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Token[expiresAt=" + expiresAt + "]";
    }
}
