package io.jcontainerd.core.leases;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a lease keeps from garbage collection.
 *
 * @param id   a content digest, an ingest ref or a snapshot key
 * @param type {@value #CONTENT}, {@value #INGESTS} or {@value #SNAPSHOTS}{@code /<snapshotter>}
 */
public record Resource(String id, String type) {
    public static final String CONTENT = "content";
    public static final String INGESTS = "ingests";
    public static final String SNAPSHOTS = "snapshots";

    public Resource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    /** {@return snapshot {@code key} of {@code snapshotter}} */
    public static Resource snapshot(String key, String snapshotter) {
        return new Resource(key, SNAPSHOTS + "/" + snapshotter);
    }

    /** {@return the snapshotter a {@value #SNAPSHOTS}{@code /<snapshotter>} type names; empty for other types} */
    public static Optional<String> snapshotterOf(String type) {
        return type.startsWith(SNAPSHOTS + "/") ? Optional.of(type.substring(SNAPSHOTS.length() + 1)) : Optional.empty();
    }

    /**
     * Checks the type, and a content ID's digest syntax, as containerd does before adding or
     * removing a resource (after it has found the lease).
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for a malformed type
     *     or digest, NOT_IMPLEMENTED for an unknown type
     */
    public void validate() {
        String[] parts = type.split("/", -1);
        switch (parts[0]) {
            case CONTENT -> {
                requireNoSubtype(parts);
                try {
                    Digest.parse(id);
                } catch (ErrdefsException e) {
                    throw Errdefs.invalidArgument("invalid content resource id " + id + ": " + e.getMessage());
                }
            }
            case INGESTS -> requireNoSubtype(parts);
            case SNAPSHOTS -> {
                if (parts.length != 2) {
                    throw Errdefs.invalidArgument("invalid snapshot resource type " + type);
                }
            }
            default -> throw Errdefs.notImplemented("resource type " + type + " not supported yet");
        }
    }

    private void requireNoSubtype(String[] parts) {
        if (parts.length != 1) {
            throw Errdefs.invalidArgument("invalid resource type " + type);
        }
    }
}
