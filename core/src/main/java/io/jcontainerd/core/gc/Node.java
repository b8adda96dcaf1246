package io.jcontainerd.core.gc;

import java.util.Objects;

/**
 * One object in the reference graph: a blob ({@code key} = digest), a snapshot
 * ({@code key} = "snapshotter/name"), a lease, an ingest ref, a container.
 *
 * @param flat for content and snapshots held by a {@code containerd.io/gc.flat} lease: the object
 *             itself is kept, but what it references (labels, snapshot parents) is not followed
 */
public record Node(ResourceType type, String namespace, String key, boolean flat) {
    public Node {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
    }

    public static Node of(ResourceType type, String namespace, String key) {
        return new Node(type, namespace, key, false);
    }

    /** {@return this node without the flat marker: the identity that is kept or swept} */
    public Node identity() {
        return flat ? new Node(type, namespace, key, false) : this;
    }
}
