package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.Node;
import java.sql.Connection;
import java.util.function.Consumer;

/**
 * Objects users delete and garbage collection never does (images, containers): each is only a
 * root, sending what it references along with itself.
 */
abstract class RootObjects implements GcObjects {
    @Override
    public final void references(Connection c, Node node, Consumer<Node> sink) {
        // only roots: what they reference is sent with them
    }

    @Override
    public final void all(Connection c, Consumer<Node> sink) {
        // never collected, so never candidates
    }

    @Override
    public final void remove(Connection c, Node node) {
        throw new IllegalStateException(type() + " objects are never collected");
    }
}
