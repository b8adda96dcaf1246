package io.jcontainerd.plugins.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The objects of one table with a {@code namespace} column (a constant, never input), named {@code kind}. */
record TableObjects(String kind, String table) implements NamespacedObjects {
    @Override
    public List<String> heldIn(Connection c, String namespace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE namespace = ? LIMIT 1")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? List.of(kind) : List.of();
            }
        }
    }
}
