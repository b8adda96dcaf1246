package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ResourceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/** The two statement shapes every {@link GcObjects} table uses: list (namespace, key) rows as nodes, delete one by them. */
final class GcRows {
    private GcRows() {
    }

    /** Sends a node of {@code type} for each row of {@code sql}, whose columns are (namespace, key) after {@code params}. */
    static void nodes(Connection c, ResourceType type, String sql, Consumer<Node> sink, Object... params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(Node.of(type, rs.getString(1), rs.getString(2)));
                }
            }
        }
    }

    /** Runs {@code sql} with the parameters (namespace, key) of {@code node}. */
    static void delete(Connection c, String sql, Node node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, node.namespace());
            ps.setString(2, node.key());
            ps.executeUpdate();
        }
    }
}
