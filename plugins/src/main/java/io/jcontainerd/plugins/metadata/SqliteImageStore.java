package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.filters.Filter;
import io.jcontainerd.core.filters.Filters;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.images.ImageAdaptors;
import io.jcontainerd.core.images.ImageStore;
import io.jcontainerd.core.namespaces.Labels;
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

/** The images of one namespace in the metadata database, with upstream's validation and update rules. */
final class SqliteImageStore implements ImageStore {
    /** For namespace deletion: a namespace that holds images is not empty. */
    static final NamespacedObjects KIND = new TableObjects("images", "images");

    private static final LabelTable LABELS = new LabelTable("image_labels", "image");
    private static final LabelTable ANNOTATIONS = new LabelTable("image_annotations", "image");
    private static final String COLUMNS = "name, target_media_type, target_digest, target_size, created_at, updated_at";

    private final MetadataDatabase db;
    private final String namespace;

    SqliteImageStore(MetadataDatabase db, String namespace) {
        this.db = db;
        this.namespace = namespace;
    }

    @Override
    public Image get(String name) {
        return db.read(c -> find(c, name)).orElseThrow(() -> notFound(name));
    }

    @Override
    public List<Image> list(List<String> filters) {
        Filter filter;
        try {
            filter = Filters.parseAll(filters);
        } catch (ErrdefsException e) {
            // upstream wraps the parse error in InvalidArgument once more, so its text says so twice
            throw Errdefs.invalidArgument(e.getMessage());
        }
        List<Image> images = db.read(this::all);
        return images.stream().filter(image -> filter.match(ImageAdaptors.image(image))).toList();
    }

    @Override
    public Image create(Image image) {
        validate(image);
        Instant now = Instant.now();
        Image created = new Image(image.name(), LabelTable.stored(image.labels()), image.target(), now, now);
        db.write(c -> {
            SqliteNamespaceStore.ensureNamespace(c, namespace);
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO images(namespace, " + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, namespace);
                ps.setString(2, created.name());
                setTarget(ps, 3, created.target());
                ps.setLong(6, Nanos.of(now));
                ps.setLong(7, Nanos.of(now));
                if (ps.executeUpdate() == 0) {
                    throw Errdefs.alreadyExists("image " + Errdefs.quote(created.name()));
                }
            }
            writePairs(c, created);
            return null;
        });
        return created;
    }

    @Override
    public Image update(Image image, List<String> fieldpaths) {
        if (image.name().isEmpty()) {
            throw Errdefs.invalidArgument("image name is required for update");
        }
        return db.write(c -> {
            Image current = find(c, image.name()).orElseThrow(() -> notFound(image.name()));
            Image merged = fieldpaths.isEmpty() ? image : merge(current, image, fieldpaths);
            validate(merged);
            Image updated = new Image(image.name(), LabelTable.stored(merged.labels()), merged.target(),
                    current.createdAt(), Instant.now());
            try (PreparedStatement ps = c.prepareStatement("UPDATE images SET target_media_type = ?, "
                    + "target_digest = ?, target_size = ?, updated_at = ? WHERE namespace = ? AND name = ?")) {
                setTarget(ps, 1, updated.target());
                ps.setLong(4, Nanos.of(updated.updatedAt()));
                ps.setString(5, namespace);
                ps.setString(6, updated.name());
                ps.executeUpdate();
            }
            LABELS.replace(c, namespace, updated.name(), Map.of());
            ANNOTATIONS.replace(c, namespace, updated.name(), Map.of());
            writePairs(c, updated);
            return updated;
        });
    }

    /** Upstream's field paths: {@code labels[.key]}, {@code annotations[.key]}, {@code target}. */
    private static Image merge(Image current, Image requested, List<String> fieldpaths) {
        Map<String, String> labels = new HashMap<>(current.labels());
        Descriptor target = current.target();
        Map<String, String> annotations = new HashMap<>(target.annotations());
        for (String path : fieldpaths) {
            if (path.startsWith("labels.")) {
                String key = path.substring("labels.".length());
                labels.put(key, requested.labels().getOrDefault(key, ""));
            } else if (path.startsWith("annotations.")) {
                String key = path.substring("annotations.".length());
                annotations.put(key, requestedAnnotations(requested).getOrDefault(key, ""));
            } else {
                switch (path) {
                    case "labels" -> labels = new HashMap<>(requested.labels());
                    case "target" -> {
                        target = requested.target();
                        annotations = new HashMap<>(requestedAnnotations(requested));
                    }
                    case "annotations" -> annotations = new HashMap<>(requestedAnnotations(requested));
                    default -> throw Errdefs.invalidArgument("cannot update " + Errdefs.quote(path) + " field on image "
                            + Errdefs.quote(requested.name()));
                }
            }
        }
        Descriptor merged = target == null ? null
                : new Descriptor(target.mediaType(), target.digest(), target.size(), LabelTable.stored(annotations));
        return new Image(requested.name(), labels, merged, current.createdAt(), current.updatedAt());
    }

    private static Map<String, String> requestedAnnotations(Image requested) {
        return requested.target() == null ? Map.of() : requested.target().annotations();
    }

    @Override
    public void delete(String name) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM images WHERE namespace = ? AND name = ?")) {
                ps.setString(1, namespace);
                ps.setString(2, name);
                if (ps.executeUpdate() == 0) {
                    throw notFound(name);
                }
            }
            db.markDirty();
            return null;
        });
    }

    /** As upstream's {@code validateImage}: name, labels, then the target. */
    private static void validate(Image image) {
        if (image.name().isEmpty()) {
            throw Errdefs.invalidArgument("image name must not be empty");
        }
        try {
            Labels.validate(image.labels());
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "image.Labels: " + e.getMessage(), e);
        }
        Descriptor target = image.target();
        if (target == null) {
            throw Errdefs.invalidArgument("Target.Digest \"\" invalid: invalid checksum digest format");
        }
        if (target.size() <= 0) {
            throw Errdefs.invalidArgument("Target.Size must be greater than zero");
        }
        if (target.mediaType().isEmpty()) {
            throw Errdefs.invalidArgument("Target.MediaType must be set");
        }
    }

    private Optional<Image> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM images WHERE namespace = ? AND name = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(image(rs, LABELS.of(c, namespace, name), ANNOTATIONS.of(c, namespace, name)))
                        : Optional.empty();
            }
        }
    }

    private List<Image> all(Connection c) throws SQLException {
        Map<String, Map<String, String>> labels = LABELS.all(c, namespace);
        Map<String, Map<String, String>> annotations = ANNOTATIONS.all(c, namespace);
        List<Image> images = new ArrayList<>();
        // BINARY collation: byte order of names, as bolt iterates upstream
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM images WHERE namespace = ? ORDER BY name")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    images.add(image(rs, labels.getOrDefault(name, Map.of()), annotations.getOrDefault(name, Map.of())));
                }
            }
        }
        return images;
    }

    private static Image image(ResultSet rs, Map<String, String> labels, Map<String, String> annotations)
            throws SQLException {
        Descriptor target = new Descriptor(rs.getString(2), Digest.parse(rs.getString(3)), rs.getLong(4), annotations);
        return new Image(rs.getString(1), labels, target, Nanos.toInstant(rs.getLong(5)), Nanos.toInstant(rs.getLong(6)));
    }

    private static void setTarget(PreparedStatement ps, int first, Descriptor target) throws SQLException {
        ps.setString(first, target.mediaType());
        ps.setString(first + 1, target.digest().toString());
        ps.setLong(first + 2, target.size());
    }

    private void writePairs(Connection c, Image image) throws SQLException {
        LABELS.write(c, namespace, image.name(), image.labels());
        ANNOTATIONS.write(c, namespace, image.name(), image.target().annotations());
    }

    private static ErrdefsException notFound(String name) {
        return Errdefs.notFound("image " + Errdefs.quote(name));
    }
}
