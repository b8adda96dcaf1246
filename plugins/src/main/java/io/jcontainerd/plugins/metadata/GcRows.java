package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ResourceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * Sends what the {@code containerd.io/gc.ref.*} labels of {@code node} name, read from
     * {@code table}, whose columns are (namespace, {@code objectColumn}, key, value).
     */
    static void labelReferences(Connection c, String table, String objectColumn, Node node, Consumer<Node> sink)
            throws SQLException {
        Map<String, String> labels = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key, value FROM " + table + " WHERE namespace = ? AND "
                + objectColumn + " = ? AND key LIKE ?")) {
            ps.setString(1, node.namespace());
            ps.setString(2, node.key());
            ps.setString(3, "containerd.io/gc.ref.%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        GcLabels.references(node.namespace(), labels).forEach(sink);
    }

    /**
     * Sends what the {@code containerd.io/gc.ref.*} labels of every object in {@code table} name,
     * for objects that are roots themselves (images, containers); columns as in {@link #labelReferences}.
     */
    static void labelRoots(Connection c, String table, String objectColumn, Consumer<Node> sink) throws SQLException {
        Map<String, Map<String, String>> refs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT namespace, " + objectColumn + ", key, value FROM " + table + " WHERE key LIKE ?")) {
            ps.setString(1, "containerd.io/gc.ref.%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    refs.computeIfAbsent(rs.getString(1) + "\0" + rs.getString(2), k -> new HashMap<>())
                            .put(rs.getString(3), rs.getString(4));
                }
            }
        }
        refs.forEach((object, labels) ->
                GcLabels.references(object.substring(0, object.indexOf('\0')), labels).forEach(sink));
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
