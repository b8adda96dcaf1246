package io.jcontainerd.plugins.snapshots.storage;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Usage;
import io.jcontainerd.plugins.metadata.Nanos;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The operations on a snapshotter's metadata, inside one transaction of {@link MetaStore}, as
 * upstream's {@code storage} functions (whose error texts these keep). A transaction belongs to
 * the thread that runs the work and ends with it.
 */
public final class Transaction {
    private static final String ROW = """
            SELECT s.id, s.key, s.kind, p.key, s.created_at, s.updated_at, s.inodes, s.size
            FROM snapshots s LEFT JOIN snapshots p ON p.id = s.parent_id""";

    private final Connection c;

    Transaction(Connection c) {
        this.c = c;
    }

    /**
     * {@return the record of the snapshot {@code key}, of any kind}
     *
     * @throws ErrdefsException NOT_FOUND {@code snapshot does not exist}
     */
    public StoredInfo getInfo(String key) throws SQLException {
        return find(key).orElseThrow(() -> Errdefs.notFound("snapshot does not exist"));
    }

    /**
     * Updates labels by field path ({@code labels}, {@code labels.<key>}; none: all), stamping
     * {@code updated}. Empty values are dropped, as upstream's label writer does.
     *
     * @throws ErrdefsException NOT_FOUND, or INVALID_ARGUMENT for another field path
     */
    public Info updateInfo(Info info, List<String> fieldpaths) throws SQLException {
        StoredInfo stored = find(info.name()).orElseThrow(() -> Errdefs.notFound("snapshot does not exist"));
        Map<String, String> labels = new HashMap<>(stored.info().labels());
        if (fieldpaths.isEmpty()) {
            labels = new HashMap<>(info.labels());
        }
        for (String path : fieldpaths) {
            if (path.startsWith("labels.")) {
                String key = path.substring("labels.".length());
                labels.put(key, info.labels().getOrDefault(key, ""));
            } else if (path.equals("labels")) {
                labels = new HashMap<>(info.labels());
            } else {
                throw Errdefs.invalidArgument("cannot update " + Errdefs.quote(path) + " field on snapshot "
                        + Errdefs.quote(info.name()));
            }
        }
        long id = Long.parseLong(stored.id());
        Instant now = Instant.now();
        try (PreparedStatement ps = c.prepareStatement("UPDATE snapshots SET updated_at = ? WHERE id = ?")) {
            ps.setLong(1, Nanos.of(now));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        Map<String, String> kept = replaceLabels(id, labels);
        Info before = stored.info();
        return new Info(before.kind(), before.name(), before.parent(), kept, before.created(), now);
    }

    /** {@return the snapshots {@code filter} accepts, in key order (bytewise, as bolt iterates)} */
    public List<Info> walkInfo(Predicate<Info> filter) throws SQLException {
        Map<Long, Map<String, String>> labels = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id, key, value FROM snapshot_labels");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                labels.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        List<Info> infos = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ROW + " ORDER BY s.key");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Info info = readInfo(rs, labels.getOrDefault(rs.getLong(1), Map.of()));
                if (filter.test(info)) {
                    infos.add(info);
                }
            }
        }
        return infos;
    }

    /**
     * {@return the active or view snapshot {@code key} with the ids of its ancestors}
     *
     * @throws ErrdefsException NOT_FOUND, or FAILED_PRECONDITION for a committed snapshot
     */
    public Snapshot getSnapshot(String key) throws SQLException {
        StoredInfo stored = find(key).orElseThrow(() -> Errdefs.notFound("snapshot does not exist"));
        Kind kind = stored.info().kind();
        if (kind != Kind.ACTIVE && kind != Kind.VIEW) {
            throw Errdefs.failedPrecondition("requested snapshot " + key + " not active or view");
        }
        return new Snapshot(stored.id(), kind, ancestors(Long.parseLong(stored.id())));
    }

    /**
     * Records a new active or view snapshot on top of the committed {@code parent} ({@code ""}:
     * none) under the next id.
     *
     * @throws ErrdefsException INVALID_ARGUMENT for another kind or a parent that is not
     *     committed, NOT_FOUND for an unknown parent, ALREADY_EXISTS when {@code key} is taken
     */
    public Snapshot createSnapshot(Kind kind, String key, String parent, Map<String, String> labels)
            throws SQLException {
        if (kind != Kind.ACTIVE && kind != Kind.VIEW) {
            throw Errdefs.invalidArgument("snapshot type " + kind
                    + " invalid; only snapshots of type Active or View can be created");
        }
        Long parentId = null;
        if (!parent.isEmpty()) {
            StoredInfo p = find(parent).orElseThrow(() ->
                    Errdefs.notFound("missing parent " + Errdefs.quote(parent) + " bucket"));
            if (p.info().kind() != Kind.COMMITTED) {
                throw Errdefs.invalidArgument("parent " + Errdefs.quote(parent) + " is not committed snapshot");
            }
            parentId = Long.parseLong(p.id());
        }
        if (find(key).isPresent()) {
            throw Errdefs.alreadyExists("snapshot " + key);
        }
        long now = Nanos.of(Instant.now());
        long id;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO snapshots(key, kind, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, key);
            ps.setString(2, kind.filterName());
            if (parentId == null) {
                ps.setNull(3, java.sql.Types.INTEGER);
            } else {
                ps.setLong(3, parentId);
            }
            ps.setLong(4, now);
            ps.setLong(5, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        replaceLabels(id, labels);
        return new Snapshot(Long.toString(id), kind, parentId == null ? List.of() : chainFrom(parentId));
    }

    /**
     * Removes the snapshot {@code key} of any kind.
     *
     * @return its id and kind, so the caller can free its directory
     * @throws ErrdefsException NOT_FOUND, or FAILED_PRECONDITION while it has children
     */
    public Removed remove(String key) throws SQLException {
        StoredInfo stored = find(key).orElseThrow(() -> Errdefs.notFound("snapshot " + key));
        long id = Long.parseLong(stored.id());
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM snapshots WHERE parent_id = ? LIMIT 1")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw Errdefs.failedPrecondition("cannot remove snapshot with child");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM snapshots WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        return new Removed(stored.id(), stored.info().kind());
    }

    /**
     * Turns the active snapshot {@code key} into the committed snapshot {@code name}: same id
     * and parent, {@code created} reset to now, labels replaced by {@code labels}, {@code usage}
     * recorded.
     *
     * @return the id, unchanged
     * @throws ErrdefsException ALREADY_EXISTS when {@code name} is taken, NOT_FOUND for an
     *     unknown key, FAILED_PRECONDITION when {@code key} is not active
     */
    public String commitActive(String key, String name, Usage usage, Map<String, String> labels)
            throws SQLException {
        if (find(name).isPresent()) {
            throw Errdefs.alreadyExists("committed snapshot " + name);
        }
        StoredInfo active = find(key).orElseThrow(() ->
                Errdefs.notFound("failed to get active snapshot " + Errdefs.quote(key)));
        if (active.info().kind() != Kind.ACTIVE) {
            throw Errdefs.failedPrecondition("snapshot " + Errdefs.quote(key) + " is not active");
        }
        long id = Long.parseLong(active.id());
        long now = Nanos.of(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE snapshots SET key = ?, kind = ?, created_at = ?, updated_at = ?, inodes = ?, size = ?
                WHERE id = ?""")) {
            ps.setString(1, name);
            ps.setString(2, Kind.COMMITTED.filterName());
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.setLong(5, usage.inodes());
            ps.setLong(6, usage.size());
            ps.setLong(7, id);
            ps.executeUpdate();
        }
        replaceLabels(id, labels);
        return active.id();
    }

    /** {@return every snapshot's id mapped to its key or name}; ids absent here own no directory */
    public Map<String, String> idMap() throws SQLException {
        Map<String, String> ids = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, key FROM snapshots ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.put(Long.toString(rs.getLong(1)), rs.getString(2));
            }
        }
        return ids;
    }

    private Optional<StoredInfo> find(String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROW + " WHERE s.key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                Info info = readInfo(rs, labels(id));
                return Optional.of(new StoredInfo(Long.toString(id), info, new Usage(rs.getLong(7), rs.getLong(8))));
            }
        }
    }

    private static Info readInfo(ResultSet rs, Map<String, String> labels) throws SQLException {
        String parent = rs.getString(4);
        return new Info(Kind.parse(rs.getString(3)), rs.getString(2), parent == null ? "" : parent, labels,
                Nanos.toInstant(rs.getLong(5)), Nanos.toInstant(rs.getLong(6)));
    }

    private Map<String, String> labels(long id) throws SQLException {
        Map<String, String> labels = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key, value FROM snapshot_labels WHERE snapshot_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return labels;
    }

    /** Replaces all labels of {@code id}, skipping empty values; returns what was kept. */
    private Map<String, String> replaceLabels(long id, Map<String, String> labels) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM snapshot_labels WHERE snapshot_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        Map<String, String> kept = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO snapshot_labels(snapshot_id, key, value) VALUES (?, ?, ?)")) {
            for (var e : labels.entrySet()) {
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    continue;
                }
                ps.setLong(1, id);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.addBatch();
                kept.put(e.getKey(), e.getValue());
            }
            ps.executeBatch();
        }
        return kept;
    }

    /** {@return the ids of {@code id}'s ancestors, immediate parent first} */
    private List<String> ancestors(long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT parent_id FROM snapshots WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long parent = rs.getLong(1);
                return rs.wasNull() ? List.of() : chainFrom(parent);
            }
        }
    }

    /** {@return {@code id} followed by the ids of its ancestors, nearest first} */
    private List<String> chainFrom(long id) throws SQLException {
        List<String> chain = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE chain(id, parent_id, depth) AS (
                    SELECT id, parent_id, 0 FROM snapshots WHERE id = ?
                    UNION ALL
                    SELECT s.id, s.parent_id, chain.depth + 1 FROM snapshots s JOIN chain ON s.id = chain.parent_id
                )
                SELECT id FROM chain ORDER BY depth""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chain.add(Long.toString(rs.getLong(1)));
                }
            }
        }
        return chain;
    }
}
