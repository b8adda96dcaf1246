package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ResourceType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Images for garbage collection, as containerd 1.6 treats them: never collected themselves, each
 * is a root for its target and for whatever its {@code containerd.io/gc.ref.*} labels name.
 */
final class ImageObjects extends RootObjects {
    @Override
    public ResourceType type() {
        return ResourceType.IMAGE;
    }

    @Override
    public void roots(Connection c, Instant now, Consumer<Node> sink) throws SQLException {
        GcRows.nodes(c, ResourceType.CONTENT, "SELECT namespace, target_digest FROM images", sink);
        GcRows.labelRoots(c, "image_labels", "image", sink);
    }
}
