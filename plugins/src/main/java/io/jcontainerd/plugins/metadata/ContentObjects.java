package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ResourceType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Blob records for garbage collection: a blob labelled {@code containerd.io/gc.root} is a root;
 * its {@code containerd.io/gc.ref.*} labels are its references. Removing a record leaves the
 * bytes to {@link BlobSweeper}.
 */
final class ContentObjects implements GcObjects {
    private final BlobSweeper sweeper;

    ContentObjects(BlobSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public ResourceType type() {
        return ResourceType.CONTENT;
    }

    @Override
    public void roots(Connection c, Instant now, Consumer<Node> sink) throws SQLException {
        GcRows.nodes(c, ResourceType.CONTENT,
                "SELECT namespace, digest FROM content_blob_labels WHERE key = ?", sink, GcLabels.ROOT);
    }

    @Override
    public void references(Connection c, Node node, Consumer<Node> sink) throws SQLException {
        if (node.flat()) {
            return;
        }
        GcRows.labelReferences(c, "content_blob_labels", "digest", node, sink);
    }

    @Override
    public void all(Connection c, Consumer<Node> sink) throws SQLException {
        GcRows.nodes(c, ResourceType.CONTENT, "SELECT namespace, digest FROM content_blobs", sink);
    }

    @Override
    public void remove(Connection c, Node node) throws SQLException {
        GcRows.delete(c, "DELETE FROM content_blobs WHERE namespace = ? AND digest = ?", node);
        sweeper.markDirty();
    }
}
