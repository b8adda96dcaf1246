package io.jcontainerd.plugins.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNamespaceStoreTest {
    @TempDir
    Path dir;
    MetadataDatabase db;
    SqliteNamespaceStore store;
    final AtomicBoolean holdsImages = new AtomicBoolean();

    @BeforeEach
    void open() throws Exception {
        db = MetadataDatabase.open(dir.resolve("meta.sqlite"));
        NamespacedObjects images = (connection, namespace) -> holdsImages.get() ? List.of("images") : List.of();
        store = new SqliteNamespaceStore(db, List.of(images));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static void assertKind(ThrowableAssertCallable call, ErrorKind kind, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    interface ThrowableAssertCallable {
        void run();
    }

    @Test
    void create_list_and_labels_round_trip_in_byte_order() {
        store.create("k8s.io", Map.of());
        store.create("default", Map.of("a", "1", "b", "2"));
        store.create("Zeta", Map.of());
        assertThat(store.list()).containsExactly("Zeta", "default", "k8s.io");
        assertThat(store.labels("default")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void duplicate_and_invalid_names_are_rejected_like_containerd() {
        store.create("default", Map.of());
        assertKind(() -> store.create("default", Map.of()), ErrorKind.ALREADY_EXISTS,
                "namespace \"default\": already exists");
        assertKind(() -> store.create("bad name", Map.of()), ErrorKind.INVALID_ARGUMENT,
                "identifier \"bad name\" must match ^[A-Za-z0-9]+(?:[._-](?:[A-Za-z0-9]+))*$: invalid argument");
        assertKind(() -> store.create("big", Map.of("k", "v".repeat(4096))), ErrorKind.INVALID_ARGUMENT,
                "namespace.Labels: label key and value greater than maximum size (4096 bytes), key: k: invalid argument");
        assertThat(store.list()).containsExactly("default");
    }

    @Test
    void set_label_updates_removes_and_creates_the_namespace_implicitly() {
        store.setLabel("implicit", "x", "1");
        assertThat(store.list()).containsExactly("implicit");
        store.setLabel("implicit", "x", "2");
        store.setLabel("implicit", "y", "3");
        store.setLabel("implicit", "x", "");
        assertThat(store.labels("implicit")).containsExactly(Map.entry("y", "3"));
        store.replaceLabels("implicit", Map.of("z", "4"));
        assertThat(store.labels("implicit")).containsExactly(Map.entry("z", "4"));
        assertThat(store.labels("unknown")).isEmpty();
    }

    @Test
    void delete_refuses_while_objects_remain_and_reports_missing_namespaces() {
        store.create("busy", Map.of("a", "b"));
        holdsImages.set(true);
        assertKind(() -> store.delete("busy"), ErrorKind.FAILED_PRECONDITION,
                "namespace \"busy\" must be empty, but it still has images: failed precondition");
        assertThat(store.list()).containsExactly("busy");
        holdsImages.set(false);
        store.delete("busy");
        assertThat(store.list()).isEmpty();
        assertThat(store.labels("busy")).isEmpty();
        assertKind(() -> store.delete("busy"), ErrorKind.NOT_FOUND, "namespace \"busy\": not found");
    }

    @Test
    void data_survives_reopen_and_schema_is_versioned() throws Exception {
        store.create("kept", Map.of("l", "v"));
        db.close();
        db = MetadataDatabase.open(dir.resolve("meta.sqlite"));
        assertThat(db.schemaVersion()).isEqualTo(Schema.latestVersion());
        assertThat(new SqliteNamespaceStore(db, List.of()).labels("kept")).containsEntry("l", "v");
    }

    @Test
    void a_database_from_a_newer_daemon_is_not_opened() throws Exception {
        db.write(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("PRAGMA user_version = 99");
            }
            return null;
        });
        db.close();
        assertThatThrownBy(() -> MetadataDatabase.open(dir.resolve("meta.sqlite")))
                .hasMessageContaining("newer than this daemon understands");
        db = MetadataDatabase.open(dir.resolve("other.sqlite"));
    }

    @Test
    void a_failed_migration_leaves_the_previous_schema_intact() throws Exception {
        db.close();
        Path file = dir.resolve("m.sqlite");
        MetadataDatabase.open(file, Schema.MIGRATIONS).close();
        List<Migration> broken = new java.util.ArrayList<>(Schema.MIGRATIONS);
        broken.add(new Migration(Schema.latestVersion() + 1, "broken",
                List.of("CREATE TABLE half_done (x INTEGER)", "THIS IS NOT SQL")));
        assertThatThrownBy(() -> MetadataDatabase.open(file, broken)).hasMessageContaining("migrate");
        db = MetadataDatabase.open(file, Schema.MIGRATIONS);
        assertThat(db.schemaVersion()).isEqualTo(Schema.latestVersion());
        boolean halfDone = db.read(c -> {
            try (var rs = c.getMetaData().getTables(null, null, "half_done", null)) {
                return rs.next();
            }
        });
        assertThat(halfDone).isFalse();
    }
}
