package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ResourceType;
import io.jcontainerd.core.leases.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Leases for garbage collection: a lease that has not passed its {@code containerd.io/gc.expire}
 * is a root, and so is everything it holds (only the objects themselves under
 * {@code containerd.io/gc.flat}); expired leases are swept.
 */
final class LeaseObjects implements GcObjects {
    @Override
    public ResourceType type() {
        return ResourceType.LEASE;
    }

    @Override
    public void roots(Connection c, Instant now, Consumer<Node> sink) throws SQLException {
        Map<Node, Map<String, String>> leases = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT l.namespace, l.id, x.key, x.value FROM leases l LEFT JOIN lease_labels x "
                        + "ON x.namespace = l.namespace AND x.lease = l.id AND x.key IN (?, ?)")) {
            ps.setString(1, GcLabels.EXPIRE);
            ps.setString(2, GcLabels.FLAT);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> labels = leases.computeIfAbsent(
                            Node.of(ResourceType.LEASE, rs.getString(1), rs.getString(2)), n -> new HashMap<>());
                    if (rs.getString(3) != null) {
                        labels.put(rs.getString(3), rs.getString(4));
                    }
                }
            }
        }
        for (var lease : leases.entrySet()) {
            boolean expired = GcLabels.expiry(lease.getValue()).map(now::isAfter).orElse(false);
            if (!expired) {
                sink.accept(lease.getKey());
                sendResources(c, lease.getKey(), GcLabels.isFlat(lease.getValue()), sink);
            }
        }
    }

    private static void sendResources(Connection c, Node lease, boolean flat, Consumer<Node> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT type, id FROM lease_resources WHERE namespace = ? AND lease = ?")) {
            ps.setString(1, lease.namespace());
            ps.setString(2, lease.key());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    String id = rs.getString(2);
                    Optional<String> snapshotter = Resource.snapshotterOf(type);
                    if (type.equals(Resource.CONTENT)) {
                        sink.accept(new Node(ResourceType.CONTENT, lease.namespace(), id, flat));
                    } else if (type.equals(Resource.INGESTS)) {
                        sink.accept(Node.of(ResourceType.INGEST, lease.namespace(), id));
                    } else if (snapshotter.isPresent()) {
                        sink.accept(new Node(ResourceType.SNAPSHOT, lease.namespace(), snapshotter.get() + "/" + id, flat));
                    }
                }
            }
        }
    }

    @Override
    public void references(Connection c, Node node, Consumer<Node> sink) {
        // leases are only ever roots: what they hold is sent with them
    }

    @Override
    public void all(Connection c, Consumer<Node> sink) throws SQLException {
        GcRows.nodes(c, ResourceType.LEASE, "SELECT namespace, id FROM leases", sink);
    }

    @Override
    public void remove(Connection c, Node node) throws SQLException {
        GcRows.delete(c, "DELETE FROM leases WHERE namespace = ? AND id = ?", node);
    }
}
