package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.core.leases.LeaseFilter;
import io.jcontainerd.core.leases.LeaseIds;
import io.jcontainerd.core.leases.LeaseManager;
import io.jcontainerd.core.leases.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The leases of one namespace in the metadata database. */
public final class SqliteLeaseStore implements LeaseManager {
    private final MetadataDatabase db;
    private final String namespace;

    public SqliteLeaseStore(MetadataDatabase db, String namespace) {
        this.db = db;
        this.namespace = namespace;
    }

    @Override
    public Lease create(String id, Map<String, String> labels) {
        String leaseId = id.isEmpty() ? LeaseIds.random() : id;
        Map<String, String> kept = new TreeMap<>();
        labels.forEach((key, value) -> {
            if (!value.isEmpty()) {
                kept.put(key, value);
            }
        });
        Instant createdAt = Instant.now();
        db.write(c -> {
            SqliteNamespaceStore.ensureNamespace(c, namespace);
            if (leaseExists(c, leaseId)) {
                throw Errdefs.alreadyExists("lease " + Errdefs.quote(leaseId));
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO leases(namespace, id, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, namespace);
                ps.setString(2, leaseId);
                ps.setLong(3, Nanos.of(createdAt));
                ps.executeUpdate();
            }
            for (var label : kept.entrySet()) {
                putLabel(c, leaseId, label.getKey(), label.getValue());
            }
            return null;
        });
        return new Lease(leaseId, createdAt, kept);
    }

    @Override
    public void delete(String id) {
        db.write(c -> {
            // labels and resources go with it (ON DELETE CASCADE)
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM leases WHERE namespace = ? AND id = ?")) {
                ps.setString(1, namespace);
                ps.setString(2, id);
                if (ps.executeUpdate() == 0) {
                    throw leaseNotFound(id);
                }
            }
            db.markDirty();
            return null;
        });
    }

    @Override
    public List<Lease> list(List<String> filters) {
        LeaseFilter filter = LeaseFilter.parse(filters);
        return db.read(c -> {
            Map<String, Map<String, String>> labels = labelsByLease(c);
            List<Lease> leases = new ArrayList<>();
            // BINARY collation: byte order, as bolt iterates upstream
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, created_at FROM leases WHERE namespace = ? ORDER BY id")) {
                ps.setString(1, namespace);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        Lease lease = new Lease(id, Nanos.toInstant(rs.getLong(2)), labels.getOrDefault(id, Map.of()));
                        if (filter.matches(lease)) {
                            leases.add(lease);
                        }
                    }
                }
            }
            return leases;
        });
    }

    @Override
    public void addResource(String leaseId, Resource resource) {
        db.write(c -> {
            requireLease(c, leaseId);
            resource.validate();
            requireNames(resource);
            LeaseResources.add(c, namespace, leaseId, resource);
            return null;
        });
    }

    @Override
    public void deleteResource(String leaseId, Resource resource) {
        db.write(c -> {
            requireLease(c, leaseId);
            resource.validate();
            LeaseResources.delete(c, namespace, leaseId, resource);
            db.markDirty();
            return null;
        });
    }

    @Override
    public List<Resource> listResources(String leaseId) {
        return db.read(c -> {
            requireLease(c, leaseId);
            List<Resource> resources = new ArrayList<>();
            // "content" < "ingests" < "snapshots/…": upstream's order falls out of the type names
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, type FROM lease_resources WHERE namespace = ? AND lease = ? ORDER BY type, id")) {
                ps.setString(1, namespace);
                ps.setString(2, leaseId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        resources.add(new Resource(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return resources;
        });
    }

    /**
     * containerd keeps resources as bolt buckets and keys, which may not be empty; the errors
     * bolt gives for them reach clients as UNKNOWN, and so do ours.
     */
    private static void requireNames(Resource resource) {
        if (resource.type().endsWith("/")) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "bucket name required");
        }
        if (resource.id().isEmpty()) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "key required");
        }
    }

    private void putLabel(Connection c, String leaseId, String key, String value) throws SQLException {
        if (key.isEmpty()) {
            // bolt refuses the empty key, failing the whole create
            throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to set label " + Errdefs.quote(key) + "="
                    + Errdefs.quote(value) + ": key required");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO lease_labels(namespace, lease, key, value) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, namespace);
            ps.setString(2, leaseId);
            ps.setString(3, key);
            ps.setString(4, value);
            ps.executeUpdate();
        }
    }

    private Map<String, Map<String, String>> labelsByLease(Connection c) throws SQLException {
        Map<String, Map<String, String>> labels = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT lease, key, value FROM lease_labels WHERE namespace = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.computeIfAbsent(rs.getString(1), lease -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return labels;
    }

    private void requireLease(Connection c, String id) throws SQLException {
        if (!leaseExists(c, id)) {
            throw leaseNotFound(id);
        }
    }

    private boolean leaseExists(Connection c, String id) throws SQLException {
        return LeaseResources.exists(c, namespace, id);
    }

    private static ErrdefsException leaseNotFound(String id) {
        return Errdefs.notFound("lease " + Errdefs.quote(id));
    }
}
