package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table of string pairs attached to namespaced objects, with columns (namespace, {@code object},
 * key, value): the labels of blobs and images, the annotations of image targets. Table and column
 * names are constants of the callers, never input.
 */
record LabelTable(String table, String objectColumn) {
    /** Empty values are not stored, as bolt's label buckets skip them; an empty key fails as bolt's does. */
    void write(Connection c, String namespace, String object, Map<String, String> pairs) throws SQLException {
        for (var pair : pairs.entrySet()) {
            if (pair.getValue().isEmpty()) {
                continue;
            }
            if (pair.getKey().isEmpty()) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "key required");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + "(namespace, " + objectColumn
                    + ", key, value) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, namespace);
                ps.setString(2, object);
                ps.setString(3, pair.getKey());
                ps.setString(4, pair.getValue());
                ps.executeUpdate();
            }
        }
    }

    void replace(Connection c, String namespace, String object, Map<String, String> pairs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM " + table + " WHERE namespace = ? AND " + objectColumn + " = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, object);
            ps.executeUpdate();
        }
        write(c, namespace, object, pairs);
    }

    Map<String, String> of(Connection c, String namespace, String object) throws SQLException {
        Map<String, String> pairs = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key, value FROM " + table + " WHERE namespace = ? AND " + objectColumn + " = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, object);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pairs.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return pairs;
    }

    /** {@return the pairs of every object of the namespace, by object} */
    Map<String, Map<String, String>> all(Connection c, String namespace) throws SQLException {
        Map<String, Map<String, String>> pairs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + objectColumn + ", key, value FROM " + table + " WHERE namespace = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pairs.computeIfAbsent(rs.getString(1), o -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return pairs;
    }

    /** {@return the pairs worth storing: those with a value} */
    static Map<String, String> stored(Map<String, String> pairs) {
        Map<String, String> kept = new TreeMap<>();
        pairs.forEach((k, v) -> {
            if (!v.isEmpty()) {
                kept.put(k, v);
            }
        });
        return kept;
    }
}
