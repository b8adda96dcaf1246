package io.jcontainerd.plugins.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A kind of object a namespace can hold (images, blobs, containers, snapshots). A namespace that
 * holds any of them cannot be deleted; each store that adds a table adds one of these.
 */
public interface NamespacedObjects {
    /**
     * {@return how containerd's "must be empty" message names what {@code namespace} still holds
     * of this kind ("images", "snapshots on \"overlayfs\" snapshotter", …); empty when it holds none}
     */
    List<String> heldIn(Connection connection, String namespace) throws SQLException;
}
