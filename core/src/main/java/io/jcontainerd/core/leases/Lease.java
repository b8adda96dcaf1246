package io.jcontainerd.core.leases;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A lease as stored.
 *
 * @param id        any non-empty string: containerd 1.6 does not hold lease IDs to the identifier rules
 * @param createdAt when the daemon created it
 * @param labels    never with empty values (those are dropped on create)
 */
public record Lease(String id, Instant createdAt, Map<String, String> labels) {
    /**
     * The label that makes a lease expire: an RFC 3339 time after which garbage collection ignores
     * the lease. It is an ordinary label to the lease store.
     */
    public static final String EXPIRE_LABEL = "containerd.io/gc.expire";

    public Lease {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        labels = Map.copyOf(labels);
    }
}
