package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ReferenceGraph;
import io.jcontainerd.core.gc.ResourceType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The metadata database's objects as one reference graph, read through the connection of the running collection. */
final class SqliteReferenceGraph implements ReferenceGraph {
    private final Connection connection;
    private final Instant now;
    private final List<GcObjects> tables;
    private final Map<ResourceType, GcObjects> byType = new EnumMap<>(ResourceType.class);

    SqliteReferenceGraph(Connection connection, Instant now, List<GcObjects> tables) {
        this.connection = connection;
        this.now = now;
        this.tables = tables;
        tables.forEach(t -> byType.put(t.type(), t));
    }

    @Override
    public void roots(Consumer<Node> sink) {
        for (GcObjects table : tables) {
            sql(() -> table.roots(connection, now, sink));
        }
    }

    @Override
    public void references(Node node, Consumer<Node> sink) {
        GcObjects table = byType.get(node.type());
        if (table != null) {
            sql(() -> table.references(connection, node, sink));
        }
    }

    @Override
    public void all(Consumer<Node> sink) {
        for (GcObjects table : tables) {
            sql(() -> table.all(connection, sink));
        }
    }

    @Override
    public void remove(Node node) {
        sql(() -> byType.get(node.type()).remove(connection, node));
    }

    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }

    private static void sql(SqlStep step) {
        try {
            step.run();
        } catch (SQLException e) {
            throw new ErrdefsException(ErrorKind.INTERNAL, "garbage collection: " + e.getMessage(), e);
        }
    }
}
