package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.identifiers.Identifiers;
import io.jcontainerd.core.namespaces.Labels;
import io.jcontainerd.core.namespaces.NamespaceStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Namespaces in the metadata database. */
public final class SqliteNamespaceStore implements NamespaceStore {
    private final MetadataDatabase db;
    private final List<NamespacedObjects> objectKinds;

    /** @param objectKinds what a namespace may hold, checked before it is deleted */
    public SqliteNamespaceStore(MetadataDatabase db, List<NamespacedObjects> objectKinds) {
        this.db = db;
        this.objectKinds = List.copyOf(objectKinds);
    }

    @Override
    public void create(String namespace, Map<String, String> labels) {
        Identifiers.validate(namespace);
        validateLabels(labels);
        db.write(c -> {
            if (exists(c, namespace)) {
                throw Errdefs.alreadyExists("namespace " + Errdefs.quote(namespace));
            }
            insertNamespace(c, namespace);
            for (var e : labels.entrySet()) {
                putLabel(c, namespace, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    @Override
    public Map<String, String> labels(String namespace) {
        return db.read(c -> readLabels(c, namespace));
    }

    @Override
    public void setLabel(String namespace, String key, String value) {
        validateLabel(key, value);
        db.write(c -> {
            ensureNamespace(c, namespace);
            putLabel(c, namespace, key, value);
            return null;
        });
    }

    @Override
    public void replaceLabels(String namespace, Map<String, String> labels) {
        validateLabels(labels);
        db.write(c -> {
            ensureNamespace(c, namespace);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM namespace_labels WHERE namespace = ?")) {
                ps.setString(1, namespace);
                ps.executeUpdate();
            }
            for (var e : labels.entrySet()) {
                putLabel(c, namespace, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    @Override
    public List<String> list() {
        return db.read(c -> {
            List<String> names = new ArrayList<>();
            // BINARY collation: byte order, as bolt iterates buckets upstream
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM namespaces ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    @Override
    public void delete(String namespace) {
        db.write(c -> {
            List<String> held = new ArrayList<>();
            for (NamespacedObjects kind : objectKinds) {
                held.addAll(kind.heldIn(c, namespace));
            }
            if (!held.isEmpty()) {
                throw Errdefs.failedPrecondition("namespace " + Errdefs.quote(namespace)
                        + " must be empty, but it still has " + String.join(", ", held));
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM namespaces WHERE name = ?")) {
                ps.setString(1, namespace);
                if (ps.executeUpdate() == 0) {
                    throw Errdefs.notFound("namespace " + Errdefs.quote(namespace));
                }
            }
            return null;
        });
    }

    private static void validateLabels(Map<String, String> labels) {
        labels.forEach(SqliteNamespaceStore::validateLabel);
    }

    private static void validateLabel(String key, String value) {
        try {
            Labels.validate(key, value);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "namespace.Labels: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String namespace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM namespaces WHERE name = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insertNamespace(Connection c, String namespace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO namespaces(name, created_at) VALUES (?, ?)")) {
            ps.setString(1, namespace);
            ps.setLong(2, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    /** Upstream creates a namespace implicitly when a label is set on it, or a lease created in it. */
    static void ensureNamespace(Connection c, String namespace) throws SQLException {
        if (!exists(c, namespace)) {
            Identifiers.validate(namespace);
            insertNamespace(c, namespace);
        }
    }

    private static void putLabel(Connection c, String namespace, String key, String value) throws SQLException {
        String sql = value.isEmpty()
                ? "DELETE FROM namespace_labels WHERE namespace = ? AND key = ?"
                : "INSERT INTO namespace_labels(namespace, key, value) VALUES (?, ?, ?) "
                  + "ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, namespace);
            ps.setString(2, key);
            if (!value.isEmpty()) {
                ps.setString(3, value);
            }
            ps.executeUpdate();
        }
    }

    private static Map<String, String> readLabels(Connection c, String namespace) throws SQLException {
        Map<String, String> labels = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key, value FROM namespace_labels WHERE namespace = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return labels;
    }
}
