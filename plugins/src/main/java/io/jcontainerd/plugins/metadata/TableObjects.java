package io.jcontainerd.plugins.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The objects of one table with a {@code namespace} column (a constant, never input). */
record TableObjects(String kind, String table) implements NamespacedObjects {
    @Override
    public boolean presentIn(Connection c, String namespace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE namespace = ? LIMIT 1")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
