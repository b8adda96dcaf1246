package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.leases.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The rows saying which lease holds which object, shared by the lease store (explicit
 * AddResource/DeleteResource) and the stores that record what a leased call created.
 */
final class LeaseResources {
    private LeaseResources() {
    }

    static void add(Connection c, String namespace, String lease, Resource resource) throws SQLException {
        execute(c, "INSERT OR IGNORE INTO lease_resources(namespace, lease, type, id) VALUES (?, ?, ?, ?)",
                namespace, lease, resource);
    }

    static void delete(Connection c, String namespace, String lease, Resource resource) throws SQLException {
        execute(c, "DELETE FROM lease_resources WHERE namespace = ? AND lease = ? AND type = ? AND id = ?",
                namespace, lease, resource);
    }

    /**
     * Adds what a call made under {@code lease} created to that lease, as upstream's
     * {@code addContentLease}/{@code addIngestLease}; nothing without a lease.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when the lease does not exist
     */
    static void holdIfLeased(Connection c, String namespace, Optional<String> lease, Resource resource)
            throws SQLException {
        if (lease.isEmpty()) {
            return;
        }
        if (!exists(c, namespace, lease.get())) {
            throw Errdefs.notFound("lease does not exist");
        }
        add(c, namespace, lease.get(), resource);
    }

    /** Upstream's {@code removeContentLease}/{@code removeIngestLease}: a missing lease or row is no error. */
    static void releaseIfLeased(Connection c, String namespace, Optional<String> lease, Resource resource)
            throws SQLException {
        if (lease.isPresent()) {
            delete(c, namespace, lease.get(), resource);
        }
    }

    static boolean exists(Connection c, String namespace, String lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM leases WHERE namespace = ? AND id = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, lease);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void execute(Connection c, String sql, String namespace, String lease, Resource resource)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, namespace);
            ps.setString(2, lease);
            ps.setString(3, resource.type());
            ps.setString(4, resource.id());
            ps.executeUpdate();
        }
    }
}
