package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ResourceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Images for garbage collection, as containerd 1.6 treats them: never collected themselves, each
 * is a root for its target and for whatever its {@code containerd.io/gc.ref.*} labels name.
 */
final class ImageObjects implements GcObjects {
    @Override
    public ResourceType type() {
        return ResourceType.IMAGE;
    }

    @Override
    public void roots(Connection c, Instant now, Consumer<Node> sink) throws SQLException {
        GcRows.nodes(c, ResourceType.CONTENT, "SELECT namespace, target_digest FROM images", sink);
        Map<Node, Map<String, String>> refs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT namespace, image, key, value FROM image_labels WHERE key LIKE ?")) {
            ps.setString(1, "containerd.io/gc.ref.%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    refs.computeIfAbsent(Node.of(ResourceType.IMAGE, rs.getString(1), rs.getString(2)), n -> new HashMap<>())
                            .put(rs.getString(3), rs.getString(4));
                }
            }
        }
        refs.forEach((image, labels) -> GcLabels.references(image.namespace(), labels).forEach(sink));
    }

    @Override
    public void references(Connection c, Node node, Consumer<Node> sink) {
        // only roots: what an image references is sent with it
    }

    @Override
    public void all(Connection c, Consumer<Node> sink) {
        // images are deleted by users, never collected
    }

    @Override
    public void remove(Connection c, Node node) {
        throw new IllegalStateException("images are never collected");
    }
}
