package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The rows that say which blobs one namespace owns, with their size, times and labels (upstream's blob buckets). */
final class BlobRecords {
    /** For namespace deletion: a namespace that owns blobs is not empty. */
    static final NamespacedObjects KIND = new TableObjects("blobs", "content_blobs");

    private static final LabelTable LABELS = new LabelTable("content_blob_labels", "digest");

    private final String namespace;

    BlobRecords(String namespace) {
        this.namespace = namespace;
    }

    /** {@return whether the namespace owns the blob}: one indexed lookup, for the read path */
    boolean owns(Connection c, Digest digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM content_blobs WHERE namespace = ? AND digest = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, digest.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    Optional<Info> find(Connection c, Digest digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT size, created_at, updated_at FROM content_blobs WHERE namespace = ? AND digest = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, digest.toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Info(digest, rs.getLong(1), Nanos.toInstant(rs.getLong(2)),
                        Nanos.toInstant(rs.getLong(3)), labelsOf(c, digest)));
            }
        }
    }

    /** {@return every blob of the namespace in byte order of the digest, as bolt iterates} */
    List<Info> all(Connection c) throws SQLException {
        Map<String, Map<String, String>> labels = labels(c);
        List<Info> infos = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT digest, size, created_at, updated_at FROM content_blobs WHERE namespace = ? ORDER BY digest")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String digest = rs.getString(1);
                    infos.add(new Info(Digest.parse(digest), rs.getLong(2), Nanos.toInstant(rs.getLong(3)),
                            Nanos.toInstant(rs.getLong(4)), labels.getOrDefault(digest, Map.of())));
                }
            }
        }
        return infos;
    }

    /** Records {@code info} as new; {@return false, changing nothing, when the namespace already owns the digest} */
    boolean insert(Connection c, Info info) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO content_blobs"
                + "(namespace, digest, size, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, namespace);
            ps.setString(2, info.digest().toString());
            ps.setLong(3, info.size());
            ps.setLong(4, Nanos.of(info.createdAt()));
            ps.setLong(5, Nanos.of(info.updatedAt()));
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        LABELS.write(c, namespace, info.digest().toString(), info.labels());
        return true;
    }

    /** Replaces the update time and all labels of an owned blob. */
    void update(Connection c, Info info) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE content_blobs SET updated_at = ? WHERE namespace = ? AND digest = ?")) {
            ps.setLong(1, Nanos.of(info.updatedAt()));
            ps.setString(2, namespace);
            ps.setString(3, info.digest().toString());
            ps.executeUpdate();
        }
        try {
            LABELS.replace(c, namespace, info.digest().toString(), info.labels());
        } catch (ErrdefsException e) {
            // upstream's writeInfo names the blob, its commit does not
            throw new ErrdefsException(e.kind(), "writing labels for info " + info.digest() + ": " + e.getMessage(), e);
        }
    }

    /** {@return whether the namespace owned the blob}; its labels go with it (ON DELETE CASCADE) */
    boolean delete(Connection c, Digest digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM content_blobs WHERE namespace = ? AND digest = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, digest.toString());
            return ps.executeUpdate() > 0;
        }
    }

    /** {@return whether any namespace owns {@code digest}} */
    static boolean ownedAnywhere(Connection c, Digest digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM content_blobs WHERE digest = ? LIMIT 1")) {
            ps.setString(1, digest.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Map<String, String> labelsOf(Connection c, Digest digest) throws SQLException {
        return LABELS.of(c, namespace, digest.toString());
    }

    /** {@return the labels of all the namespace's blobs, by digest} */
    private Map<String, Map<String, String>> labels(Connection c) throws SQLException {
        return LABELS.all(c, namespace);
    }

    /** {@return the labels worth storing: those with a value} */
    static Map<String, String> stored(Map<String, String> labels) {
        return LabelTable.stored(labels);
    }
}
