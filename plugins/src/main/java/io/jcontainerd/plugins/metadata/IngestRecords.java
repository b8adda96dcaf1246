package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.content.Digest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** The rows that say which ingests one namespace has open (upstream's ingest buckets), for garbage collection. */
final class IngestRecords {
    private final String namespace;

    IngestRecords(String namespace) {
        this.namespace = namespace;
    }

    /**
     * Records an opened (or reopened) ingest; reopening renews its expiry and keeps the digest it announced first.
     *
     * @param expiresAt null while a lease holds the ingest
     */
    void open(Connection c, String ref, Digest expected, Instant expiresAt) throws SQLException {
        SqliteNamespaceStore.ensureNamespace(c, namespace);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO content_ingests(namespace, ref, expected, expires_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (namespace, ref) DO UPDATE SET expires_at = excluded.expires_at, "
                        + "expected = coalesce(content_ingests.expected, excluded.expected)")) {
            ps.setString(1, namespace);
            ps.setString(2, ref);
            ps.setString(3, expected == null ? null : expected.toString());
            if (expiresAt == null) {
                ps.setNull(4, Types.INTEGER);
            } else {
                ps.setLong(4, Nanos.of(expiresAt));
            }
            ps.executeUpdate();
        }
    }

    void delete(Connection c, String ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM content_ingests WHERE namespace = ? AND ref = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, ref);
            ps.executeUpdate();
        }
    }
}
