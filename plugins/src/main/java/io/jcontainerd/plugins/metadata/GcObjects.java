package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ResourceType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One kind of record in the metadata database as garbage collection sees it. Each table that
 * holds collectable objects (leases, blobs, ingests; snapshots, images and containers as they
 * arrive) contributes one, and {@link SqliteReferenceGraph} composes them.
 */
interface GcObjects {
    /** The kind of node this supplies references for and removes. */
    ResourceType type();

    /** Sends the roots this table holds at {@code now}. */
    void roots(Connection c, Instant now, Consumer<Node> sink) throws SQLException;

    /** Sends what {@code node}, of {@link #type()}, references; nothing when its record is gone (a dead edge). */
    void references(Connection c, Node node, Consumer<Node> sink) throws SQLException;

    /** Sends every node of {@link #type()}. */
    void all(Connection c, Consumer<Node> sink) throws SQLException;

    /** Deletes an unreachable node's record. */
    void remove(Connection c, Node node) throws SQLException;
}
