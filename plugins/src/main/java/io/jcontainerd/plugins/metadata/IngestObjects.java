package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ResourceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Ingest records for garbage collection: an unleased ingest is a root until it expires (24 hours
 * after it was last opened, as upstream); a leased one lives while its lease does. An ingest
 * references the blob it announced, so a blob claimed by digest cannot vanish under it.
 */
final class IngestObjects implements GcObjects {
    private final BlobSweeper sweeper;

    IngestObjects(BlobSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public ResourceType type() {
        return ResourceType.INGEST;
    }

    @Override
    public void roots(Connection c, Instant now, Consumer<Node> sink) throws SQLException {
        GcRows.nodes(c, ResourceType.INGEST,
                "SELECT namespace, ref FROM content_ingests WHERE expires_at > ?", sink, Nanos.of(now));
    }

    @Override
    public void references(Connection c, Node node, Consumer<Node> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT expected FROM content_ingests WHERE namespace = ? AND ref = ? AND expected IS NOT NULL")) {
            ps.setString(1, node.namespace());
            ps.setString(2, node.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    sink.accept(Node.of(ResourceType.CONTENT, node.namespace(), rs.getString(1)));
                }
            }
        }
    }

    @Override
    public void all(Connection c, Consumer<Node> sink) throws SQLException {
        GcRows.nodes(c, ResourceType.INGEST, "SELECT namespace, ref FROM content_ingests", sink);
    }

    @Override
    public void remove(Connection c, Node node) throws SQLException {
        GcRows.delete(c, "DELETE FROM content_ingests WHERE namespace = ? AND ref = ?", node);
        sweeper.markDirty();
    }
}
