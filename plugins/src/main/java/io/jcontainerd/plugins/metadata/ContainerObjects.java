package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.gc.Node;
import io.jcontainerd.core.gc.ResourceType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Containers for garbage collection, as containerd 1.6 treats them: never collected themselves,
 * each is a root for its snapshot and for whatever its {@code containerd.io/gc.ref.*} labels name.
 */
final class ContainerObjects extends RootObjects {
    @Override
    public ResourceType type() {
        return ResourceType.CONTAINER;
    }

    @Override
    public void roots(Connection c, Instant now, Consumer<Node> sink) throws SQLException {
        GcRows.nodes(c, ResourceType.SNAPSHOT,
                "SELECT namespace, snapshotter || '/' || snapshot_key FROM containers WHERE snapshotter <> ''", sink);
        GcRows.labelRoots(c, "container_labels", "container", sink);
    }
}
