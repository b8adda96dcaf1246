package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.containers.ContainerAdaptors;
import io.jcontainerd.core.containers.ContainerStore;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.filters.Filter;
import io.jcontainerd.core.filters.Filters;
import io.jcontainerd.core.identifiers.Identifiers;
import io.jcontainerd.core.namespaces.Labels;
import io.jcontainerd.core.types.TypedValue;
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
import java.util.TreeMap;

/** The containers of one namespace in the metadata database, with upstream's validation and update rules. */
final class SqliteContainerStore implements ContainerStore {
    /** For namespace deletion: a namespace that holds containers is not empty. */
    static final NamespacedObjects KIND = new TableObjects("containers", "containers");

    private static final LabelTable LABELS = new LabelTable("container_labels", "container");
    private static final String COLUMNS = "id, image, runtime_name, runtime_options_type, runtime_options, spec_type, "
            + "spec, snapshotter, snapshot_key, created_at, updated_at";
    /** What a full replace (no field paths) may change, as upstream. */
    private static final List<String> REPLACEABLE = List.of("labels", "spec", "extensions", "image", "snapshotkey");

    private final MetadataDatabase db;
    private final String namespace;

    SqliteContainerStore(MetadataDatabase db, String namespace) {
        this.db = db;
        this.namespace = namespace;
    }

    @Override
    public Container get(String id) {
        return db.read(c -> find(c, id)).orElseThrow(() -> Errdefs.notFound("container " + Errdefs.quote(id)
                + " in namespace " + Errdefs.quote(namespace)));
    }

    @Override
    public List<Container> list(List<String> filters) {
        Filter filter;
        try {
            filter = Filters.parseAll(filters);
        } catch (ErrdefsException e) {
            // upstream wraps the parse error in InvalidArgument once more, so its text says so twice
            throw Errdefs.invalidArgument(e.getMessage());
        }
        return db.read(this::all).stream().filter(container -> filter.match(ContainerAdaptors.container(container)))
                .toList();
    }

    @Override
    public Container create(Container container) {
        validate(container, "create container failed validation: ");
        Instant now = Instant.now();
        Container created = stored(container).stamped(now, now);
        db.write(c -> {
            SqliteNamespaceStore.ensureNamespace(c, namespace);
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO containers(namespace, " + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, namespace);
                ps.setString(2, created.id());
                setFields(ps, 3, created);
                ps.setLong(11, Nanos.of(now));
                ps.setLong(12, Nanos.of(now));
                if (ps.executeUpdate() == 0) {
                    throw Errdefs.alreadyExists("container " + Errdefs.quote(created.id()));
                }
            }
            writePairs(c, created);
            return null;
        });
        return created;
    }

    @Override
    public Container update(Container container, List<String> fieldpaths) {
        if (container.id().isEmpty()) {
            throw Errdefs.invalidArgument("must specify a container id");
        }
        return db.write(c -> {
            Optional<Container> found = find(c, container.id());
            if (found.isEmpty()) {
                throw missing(c, "update", container.id());
            }
            Container current = found.get();
            List<String> paths = fieldpaths;
            if (paths.isEmpty()) {
                // immutable fields fail a full replace, so they can become mutable later
                if (!current.snapshotter().equals(container.snapshotter())) {
                    throw Errdefs.invalidArgument("container.Snapshotter field is immutable");
                }
                if (!current.runtime().name().equals(container.runtime().name())) {
                    throw Errdefs.invalidArgument("container.Runtime.Name field is immutable");
                }
                paths = REPLACEABLE;
            }
            Container merged = merge(current, container, paths);
            validate(merged, "update failed validation: ");
            Container updated = stored(merged).stamped(current.createdAt(), Instant.now());
            try (PreparedStatement ps = c.prepareStatement("UPDATE containers SET image = ?, runtime_name = ?, "
                    + "runtime_options_type = ?, runtime_options = ?, spec_type = ?, spec = ?, snapshotter = ?, "
                    + "snapshot_key = ?, updated_at = ? WHERE namespace = ? AND id = ?")) {
                setFields(ps, 1, updated);
                ps.setLong(9, Nanos.of(updated.updatedAt()));
                ps.setString(10, namespace);
                ps.setString(11, updated.id());
                ps.executeUpdate();
            }
            LABELS.replace(c, namespace, updated.id(), Map.of());
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM container_extensions WHERE namespace = ? AND container = ?")) {
                ps.setString(1, namespace);
                ps.setString(2, updated.id());
                ps.executeUpdate();
            }
            writePairs(c, updated);
            return updated;
        });
    }

    /** Upstream's field mask: {@code labels[.key]}, {@code extensions[.key]}, {@code spec}, {@code image}, {@code snapshotkey}. */
    private static Container merge(Container current, Container requested, List<String> fieldpaths) {
        Map<String, String> labels = new HashMap<>(current.labels());
        Map<String, TypedValue> extensions = new HashMap<>(current.extensions());
        TypedValue spec = current.spec();
        String image = current.image();
        String snapshotKey = current.snapshotKey();
        for (String path : fieldpaths) {
            if (path.startsWith("labels.")) {
                String key = path.substring("labels.".length());
                labels.put(key, requested.labels().getOrDefault(key, ""));
            } else if (path.startsWith("extensions.")) {
                String key = path.substring("extensions.".length());
                TypedValue value = requested.extensions().get(key);
                if (value == null) {
                    extensions.remove(key);
                } else {
                    extensions.put(key, value);
                }
            } else {
                switch (path) {
                    case "labels" -> labels = new HashMap<>(requested.labels());
                    case "spec" -> spec = requested.spec();
                    case "extensions" -> extensions = new HashMap<>(requested.extensions());
                    case "image" -> image = requested.image();
                    case "snapshotkey" -> snapshotKey = requested.snapshotKey();
                    default -> throw Errdefs.invalidArgument("cannot update " + Errdefs.quote(path) + " field on "
                            + Errdefs.quote(requested.id()));
                }
            }
        }
        return new Container(current.id(), labels, image, current.runtime(), spec, current.snapshotter(), snapshotKey,
                extensions, current.createdAt(), current.updatedAt());
    }

    @Override
    public void delete(String id) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM containers WHERE namespace = ? AND id = ?")) {
                ps.setString(1, namespace);
                ps.setString(2, id);
                if (ps.executeUpdate() == 0) {
                    throw missing(c, "delete", id);
                }
            }
            db.markDirty();
            return null;
        });
    }

    /** Upstream's two texts: one when the namespace has no containers at all, one when this one is missing. */
    private ErrdefsException missing(Connection c, String verb, String id) throws SQLException {
        if (!KIND.heldIn(c, namespace).isEmpty()) {
            return Errdefs.notFound("container " + ("delete".equals(verb) ? id : Errdefs.quote(id)));
        }
        return Errdefs.notFound("cannot " + verb + " container " + Errdefs.quote(id) + " in namespace "
                + Errdefs.quote(namespace));
    }

    /** As upstream's {@code validateContainer}, its failures prefixed with {@code context}. */
    private static void validate(Container container, String context) {
        try {
            try {
                Identifiers.validate(container.id());
            } catch (ErrdefsException e) {
                throw new ErrdefsException(e.kind(), "container.ID: " + e.getMessage(), e);
            }
            if (container.extensions().containsKey("")) {
                throw Errdefs.invalidArgument("container.Extension keys must not be zero-length");
            }
            try {
                Labels.validate(container.labels());
            } catch (ErrdefsException e) {
                throw new ErrdefsException(e.kind(), "containers.Labels: " + e.getMessage(), e);
            }
            if (container.runtime().name().isEmpty()) {
                throw Errdefs.invalidArgument("container.Runtime.Name must be set");
            }
            if (container.spec() == null) {
                throw Errdefs.invalidArgument("container.Spec must be set");
            }
            if (!container.snapshotKey().isEmpty() && container.snapshotter().isEmpty()) {
                throw Errdefs.invalidArgument("container.Snapshotter must be set if container.SnapshotKey is set");
            }
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), context + e.getMessage(), e);
        }
    }

    /** Labels as bolt keeps them: without empty values. */
    private static Container stored(Container container) {
        return new Container(container.id(), LabelTable.stored(container.labels()), container.image(),
                container.runtime(), container.spec(), container.snapshotter(), container.snapshotKey(),
                container.extensions(), container.createdAt(), container.updatedAt());
    }

    private Optional<Container> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM containers WHERE namespace = ? AND id = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(container(rs, LABELS.of(c, namespace, id), extensions(c, id).getOrDefault(id, Map.of())))
                        : Optional.empty();
            }
        }
    }

    private List<Container> all(Connection c) throws SQLException {
        Map<String, Map<String, String>> labels = LABELS.all(c, namespace);
        Map<String, Map<String, TypedValue>> extensions = extensions(c, null);
        List<Container> containers = new ArrayList<>();
        // BINARY collation: byte order of ids, as bolt iterates upstream
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM containers WHERE namespace = ? ORDER BY id")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    containers.add(container(rs, labels.getOrDefault(id, Map.of()), extensions.getOrDefault(id, Map.of())));
                }
            }
        }
        return containers;
    }

    /** {@return the extensions of container {@code id}, or of every container of the namespace when null} */
    private Map<String, Map<String, TypedValue>> extensions(Connection c, String id) throws SQLException {
        Map<String, Map<String, TypedValue>> out = new HashMap<>();
        String sql = "SELECT container, name, type_url, value FROM container_extensions WHERE namespace = ?"
                + (id == null ? "" : " AND container = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, namespace);
            if (id != null) {
                ps.setString(2, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getString(2), new TypedValue(rs.getString(3), rs.getBytes(4)));
                }
            }
        }
        return out;
    }

    private static Container container(ResultSet rs, Map<String, String> labels, Map<String, TypedValue> extensions)
            throws SQLException {
        String optionsType = rs.getString(4);
        TypedValue options = optionsType == null ? null : new TypedValue(optionsType, rs.getBytes(5));
        return new Container(rs.getString(1), labels, rs.getString(2), new Container.Runtime(rs.getString(3), options),
                new TypedValue(rs.getString(6), rs.getBytes(7)), rs.getString(8), rs.getString(9), extensions,
                Nanos.toInstant(rs.getLong(10)), Nanos.toInstant(rs.getLong(11)));
    }

    /** Sets image, runtime name and options, spec, snapshotter and snapshot key from parameter {@code first} on. */
    private static void setFields(PreparedStatement ps, int first, Container container) throws SQLException {
        TypedValue options = container.runtime().options();
        ps.setString(first, container.image());
        ps.setString(first + 1, container.runtime().name());
        ps.setString(first + 2, options == null ? null : options.typeUrl());
        ps.setBytes(first + 3, options == null ? null : options.value());
        ps.setString(first + 4, container.spec().typeUrl());
        ps.setBytes(first + 5, container.spec().value());
        ps.setString(first + 6, container.snapshotter());
        ps.setString(first + 7, container.snapshotKey());
    }

    private void writePairs(Connection c, Container container) throws SQLException {
        LABELS.write(c, namespace, container.id(), container.labels());
        for (var extension : container.extensions().entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO container_extensions(namespace, container, "
                    + "name, type_url, value) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, namespace);
                ps.setString(2, container.id());
                ps.setString(3, extension.getKey());
                ps.setString(4, extension.getValue().typeUrl());
                ps.setBytes(5, extension.getValue().value());
                ps.executeUpdate();
            }
        }
    }
}
