package io.jcontainerd.plugins.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The snapshots a namespace holds, named per snapshotter as containerd's "must be empty" message names them. */
final class SnapshotRecordsHeld implements NamespacedObjects {
    @Override
    public List<String> heldIn(Connection c, String namespace) throws SQLException {
        List<String> held = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT snapshotter FROM snapshots WHERE namespace = ? ORDER BY snapshotter")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add("snapshots on \"" + rs.getString(1) + "\" snapshotter");
                }
            }
        }
        return held;
    }
}
