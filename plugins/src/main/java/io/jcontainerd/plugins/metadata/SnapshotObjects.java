package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ResourceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Snapshot records for garbage collection (node key {@code <snapshotter>/<key>}): one labelled
 * {@code containerd.io/gc.root} is a root; a snapshot references its parent (kept flat under a
 * flat lease) and, unless flat, what its {@code gc.ref} labels name. Removing a record leaves the
 * backend snapshot to {@link SnapshotSweeper}.
 */
final class SnapshotObjects implements GcObjects {
    private final SnapshotSweeper sweeper;

    SnapshotObjects(SnapshotSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public ResourceType type() {
        return ResourceType.SNAPSHOT;
    }

    @Override
    public void roots(Connection c, Instant now, Consumer<Node> sink) throws SQLException {
        GcRows.nodes(c, ResourceType.SNAPSHOT, "SELECT namespace, ref FROM snapshot_labels WHERE key = ?", sink,
                GcLabels.ROOT);
    }

    @Override
    public void references(Connection c, Node node, Consumer<Node> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT snapshotter, parent FROM snapshots WHERE namespace = ? AND ref = ?")) {
            ps.setString(1, node.namespace());
            ps.setString(2, node.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return; // a dead edge
                }
                if (!rs.getString(2).isEmpty()) {
                    sink.accept(new Node(ResourceType.SNAPSHOT, node.namespace(), rs.getString(1) + "/" + rs.getString(2),
                            node.flat()));
                }
            }
        }
        if (node.flat()) {
            return;
        }
        GcRows.labelReferences(c, "snapshot_labels", "ref", node, sink);
    }

    @Override
    public void all(Connection c, Consumer<Node> sink) throws SQLException {
        GcRows.nodes(c, ResourceType.SNAPSHOT, "SELECT namespace, ref FROM snapshots", sink);
    }

    @Override
    public void remove(Connection c, Node node) throws SQLException {
        GcRows.delete(c, "DELETE FROM snapshots WHERE namespace = ? AND ref = ?", node);
        sweeper.markDirty(node.key().substring(0, node.key().indexOf('/')));
    }
}
