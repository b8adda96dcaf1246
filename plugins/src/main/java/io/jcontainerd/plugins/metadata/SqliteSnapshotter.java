package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.leases.Resource;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.namespaces.Labels;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.core.snapshots.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One namespace's view of a backend snapshotter, as upstream's metadata {@code snapshotter}:
 * keys are the namespace's own, mapped to backend keys {@code <namespace>/<sequence>/<key>};
 * labels, parents and times live in the metadata database; kinds and usage come from the backend.
 * Removing only drops the record: garbage collection removes the backend snapshot.
 */
final class SqliteSnapshotter implements Snapshotter {
    /** Labels the backend sees too, as upstream's {@code FilterInheritedLabels}. */
    private static final String INHERITED_PREFIX = "containerd.io/snapshot/";
    private static final String SNAPSHOT_REF = "containerd.io/snapshot.ref";
    private static final LabelTable LABELS = new LabelTable("snapshot_labels", "ref");

    private final MetadataDatabase db;
    private final SnapshotSweeper sweeper;
    private final String name;
    private final Snapshotter backend;
    private final String namespace;
    private final Optional<String> lease;

    SqliteSnapshotter(MetadataDatabase db, SnapshotSweeper sweeper, String name, Snapshotter backend, String namespace,
                      Optional<String> lease) {
        this.db = db;
        this.sweeper = sweeper;
        this.name = name;
        this.backend = backend;
        this.namespace = namespace;
        this.lease = lease;
    }

    /** A snapshot's row. */
    private record Row(String key, String backendKey, String parent, Instant created, Instant updated) {
    }

    @Override
    public Info stat(String key) throws IOException {
        Row row = db.read(c -> find(c, key)).orElseThrow(() -> doesNotExist(key));
        Map<String, String> labels = db.read(c -> LABELS.of(c, namespace, ref(key)));
        return merged(backend.stat(row.backendKey()), row, labels);
    }

    @Override
    public Info update(Info info, List<String> fieldpaths) throws IOException {
        if (info.name().isEmpty()) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "invalid argument");
        }
        Lock shared = sweeper.lock(name).readLock();
        shared.lock();
        try {
            return unwrapped(() -> db.write(c -> {
                Row row = find(c, info.name()).orElseThrow(() -> doesNotExist(info.name()));
                Map<String, String> labels = new HashMap<>(LABELS.of(c, namespace, ref(row.key())));
                if (fieldpaths.isEmpty()) {
                    labels = new HashMap<>(info.labels());
                }
                for (String path : fieldpaths) {
                    if (path.startsWith("labels.")) {
                        String k = path.substring("labels.".length());
                        labels.put(k, info.labels().getOrDefault(k, ""));
                    } else if (path.equals("labels")) {
                        labels = new HashMap<>(info.labels());
                    } else {
                        throw Errdefs.invalidArgument("cannot update " + Errdefs.quote(path) + " field on snapshot "
                                + Errdefs.quote(info.name()));
                    }
                }
                validate(labels);
                Map<String, String> stored = LabelTable.stored(labels);
                Row updated = new Row(row.key(), row.backendKey(), row.parent(), row.created(), Instant.now());
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE snapshots SET updated_at = ? WHERE namespace = ? AND ref = ?")) {
                    ps.setLong(1, Nanos.of(updated.updated()));
                    ps.setString(2, namespace);
                    ps.setString(3, ref(row.key()));
                    ps.executeUpdate();
                }
                LABELS.replace(c, namespace, ref(row.key()), stored);
                // inside the transaction, as upstream, to keep the two stores close
                Info inner = backend(() -> backend.update(new Info(Kind.UNKNOWN, row.backendKey(), "", inherited(stored),
                        null, null), fieldpaths));
                return merged(inner, updated, stored);
            }));
        } finally {
            shared.unlock();
        }
    }

    @Override
    public Usage usage(String key) throws IOException {
        return backend.usage(backendKey(key));
    }

    @Override
    public List<Mount> mounts(String key) throws IOException {
        return backend.mounts(backendKey(key));
    }

    @Override
    public List<Mount> prepare(String key, String parent, Map<String, String> labels) throws IOException {
        return create(key, parent, labels, false);
    }

    @Override
    public List<Mount> view(String key, String parent, Map<String, String> labels) throws IOException {
        return create(key, parent, labels, true);
    }

    /**
     * One metadata transaction around the backend's prepare, as upstream and as {@link #commit}:
     * the key's check, its sequence number and its record commit together, one fsync fewer than a
     * reservation of its own. A backend snapshot whose record never committed (a crash between the
     * two) is an orphan: the first collection after a start sweeps it, and a prepare that meets it
     * first replaces it, since its sequence number was never recorded.
     */
    private List<Mount> create(String key, String parent, Map<String, String> labels, boolean readOnly) throws IOException {
        validate(labels);
        Map<String, String> inherited = inherited(labels);
        Lock shared = sweeper.lock(name).readLock();
        shared.lock();
        String[] made = new String[1];
        try {
            return unwrapped(() -> db.write(c -> {
                if (find(c, key).isPresent()) {
                    throw Errdefs.alreadyExists("snapshot " + Errdefs.quote(key));
                }
                String backendParent = parent.isEmpty() ? "" : find(c, parent).map(Row::backendKey).orElseThrow(
                        () -> Errdefs.notFound("parent snapshot " + parent + " does not exist"));
                String backendKey = backendKey(c, key);
                BackendCall<List<Mount>> make = () -> readOnly ? backend.view(backendKey, backendParent, inherited)
                        : backend.prepare(backendKey, backendParent, inherited);
                List<Mount> mounts;
                try {
                    mounts = backend(make);
                } catch (ErrdefsException e) {
                    if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                        throw e;
                    }
                    // no record ever had this sequence number: an orphan of a crash, not yet swept
                    backend(() -> {
                        backend.remove(backendKey);
                        return null;
                    });
                    mounts = backend(make);
                }
                made[0] = backendKey;
                Instant now = Instant.now();
                insert(c, new Row(key, backendKey, parent, now, now), labels);
                LeaseResources.holdIfLeased(c, namespace, lease, resource(key));
                return mounts;
            }));
        } catch (IOException | RuntimeException e) {
            if (made[0] != null) {
                removeQuietly(made[0]);
            }
            throw e;
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void commit(String committedName, String key, Map<String, String> labels) throws IOException {
        validate(labels);
        Lock shared = sweeper.lock(name).readLock();
        shared.lock();
        try {
            unwrapped(() -> db.write(c -> {
                if (find(c, committedName).isPresent()) {
                    throw Errdefs.alreadyExists("snapshot " + Errdefs.quote(committedName));
                }
                Row active = find(c, key).orElseThrow(() -> doesNotExist(key));
                String backendName = backendKey(c, committedName);
                backend(() -> {
                    backend.commit(backendName, active.backendKey(), inherited(labels));
                    return null;
                });
                delete(c, key);
                Instant now = Instant.now();
                insert(c, new Row(committedName, backendName, active.parent(), now, now), labels);
                LeaseResources.releaseIfLeased(c, namespace, lease, resource(key));
                LeaseResources.holdIfLeased(c, namespace, lease, resource(committedName));
                return null;
            }));
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void remove(String key) {
        db.write(c -> {
            if (find(c, key).isEmpty()) {
                throw doesNotExist(key);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM snapshots WHERE namespace = ? AND snapshotter = ? AND parent = ? LIMIT 1")) {
                ps.setString(1, namespace);
                ps.setString(2, name);
                ps.setString(3, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw Errdefs.failedPrecondition("cannot remove snapshot with child");
                    }
                }
            }
            delete(c, key);
            LeaseResources.releaseIfLeased(c, namespace, lease, resource(key));
            sweeper.markDirty(name);
            db.markDirty();
            return null;
        });
    }

    @Override
    public void walk(Predicate<Info> filter, Consumer<Info> visitor) throws IOException {
        List<Row> rows = db.read(this::all);
        Map<String, Map<String, String>> labels = db.read(c -> LABELS.all(c, namespace));
        for (Row row : rows) {
            Info backendInfo;
            try {
                backendInfo = backend.stat(row.backendKey());
            } catch (ErrdefsException e) {
                if (e.kind() == ErrorKind.NOT_FOUND) {
                    continue; // removed from the backend behind the record: upstream skips it too
                }
                throw e;
            }
            Info info = merged(backendInfo, row, labels.getOrDefault(ref(row.key()), Map.of()));
            if (filter.test(info)) {
                visitor.accept(info);
            }
        }
    }

    /** The metadata snapshotter is no {@code Cleaner} upstream; garbage collection cleans the backend. */
    @Override
    public void cleanup() {
        throw new ErrdefsException(ErrorKind.NOT_IMPLEMENTED, "snapshotter does not implement Cleanup method");
    }

    @Override
    public void close() {
        // the backend belongs to its plugin
    }

    private Info merged(Info backendInfo, Row row, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(backendInfo.labels());
        all.putAll(labels);
        return new Info(backendInfo.kind(), row.key(), row.parent(), all, row.created(), row.updated());
    }

    private static Map<String, String> inherited(Map<String, String> labels) {
        Map<String, String> out = new HashMap<>();
        labels.forEach((k, v) -> {
            if (k.startsWith(INHERITED_PREFIX) || k.equals(SNAPSHOT_REF)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static void validate(Map<String, String> labels) {
        try {
            Labels.validate(labels);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "info.Labels: " + e.getMessage(), e);
        }
    }

    private String backendKey(String key) {
        return db.read(c -> find(c, key)).orElseThrow(() -> doesNotExist(key)).backendKey();
    }

    /** Upstream's {@code createKey}: the namespace's next sequence number for this snapshotter, then the key. */
    private String backendKey(Connection c, String key) throws SQLException {
        long next;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO snapshot_sequences(namespace, snapshotter, last) "
                + "VALUES (?, ?, 1) ON CONFLICT (namespace, snapshotter) DO UPDATE SET last = last + 1 RETURNING last")) {
            ps.setString(1, namespace);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = rs.getLong(1);
            }
        }
        return namespace + "/" + next + "/" + key;
    }

    private Optional<Row> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT key, backend_key, parent, created_at, updated_at "
                + "FROM snapshots WHERE namespace = ? AND ref = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, ref(key));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private List<Row> all(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key, backend_key, parent, created_at, updated_at "
                + "FROM snapshots WHERE namespace = ? AND snapshotter = ? ORDER BY key")) {
            ps.setString(1, namespace);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), Nanos.toInstant(rs.getLong(4)),
                Nanos.toInstant(rs.getLong(5)));
    }

    private void insert(Connection c, Row row, Map<String, String> labels) throws SQLException {
        SqliteNamespaceStore.ensureNamespace(c, namespace);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO snapshots(namespace, ref, snapshotter, key, "
                + "backend_key, parent, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, namespace);
            ps.setString(2, ref(row.key()));
            ps.setString(3, name);
            ps.setString(4, row.key());
            ps.setString(5, row.backendKey());
            ps.setString(6, row.parent());
            ps.setLong(7, Nanos.of(row.created()));
            ps.setLong(8, Nanos.of(row.updated()));
            ps.executeUpdate();
        }
        LABELS.write(c, namespace, ref(row.key()), labels);
    }

    private void delete(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM snapshots WHERE namespace = ? AND ref = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, ref(key));
            ps.executeUpdate();
        }
    }

    private void removeQuietly(String backendKey) {
        try {
            backend.remove(backendKey);
        } catch (IOException | RuntimeException e) {
            sweeper.markDirty(name); // the next collection takes it
        }
    }

    private String ref(String key) {
        return name + "/" + key;
    }

    private Resource resource(String key) {
        return Resource.snapshot(key, name);
    }

    private static ErrdefsException doesNotExist(String key) {
        return Errdefs.notFound("snapshot " + key + " does not exist");
    }

    /** A backend call inside a database transaction, whose work cannot throw IOException. */
    @FunctionalInterface
    private interface BackendCall<T> {
        T run() throws IOException;
    }

    /** Rethrows the IOException a backend call made inside a transaction. */
    private static <T> T unwrapped(java.util.function.Supplier<T> transaction) throws IOException {
        try {
            return transaction.get();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static <T> T backend(BackendCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
