package io.jcontainerd.core.gc;

import java.util.function.Consumer;

/**
 * What the collector needs from the metadata store, read inside one consistent snapshot:
 * the roots, the references of any node, every collectable node, and the removal of one.
 * Snapshotters join by contributing their snapshot nodes through the same store.
 */
public interface ReferenceGraph {
    /** Sends every root: unexpired leases and what they hold, image targets, gc.root objects, containers' snapshots. */
    void roots(Consumer<Node> sink);

    /** Sends what {@code node} references (label refs, a snapshot's parent); nothing for flat nodes but a snapshot's parent. */
    void references(Node node, Consumer<Node> sink);

    /** Sends every object that may be collected. */
    void all(Consumer<Node> sink);

    /** Removes an unreachable object's record. */
    void remove(Node node);
}
