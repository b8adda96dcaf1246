package io.jcontainerd.plugins.metadata;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A kind of object a namespace can hold ("images", "blobs", "containers", …). A namespace that
 * holds any of them cannot be deleted; each store that adds a table adds one of these.
 */
public interface NamespacedObjects {
    /** {@return the plural noun containerd uses in its "must be empty" message} */
    String kind();

    boolean presentIn(Connection connection, String namespace) throws SQLException;
}
