package io.jcontainerd.plugins.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.core.leases.Resource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLeaseStoreTest {
    private static final String BLOB = "sha256:" + "0".repeat(64);

    @TempDir
    Path dir;
    MetadataDatabase db;
    SqliteNamespaceStore namespaces;
    SqliteLeaseStore leases;

    @BeforeEach
    void open() throws Exception {
        db = MetadataDatabase.open(dir.resolve("meta.sqlite"));
        namespaces = new SqliteNamespaceStore(db, List.of());
        leases = new SqliteLeaseStore(db, "default");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static void assertFails(ThrowingCallable call, ErrorKind kind, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    private List<String> ids(String... filters) {
        return leases.list(List.of(filters)).stream().map(Lease::id).toList();
    }

    @Test
    void create_stamps_the_time_drops_empty_labels_and_lists_in_byte_order() {
        Instant before = Instant.now();
        Lease created = leases.create("b", Map.of("k", "v", "empty", ""));
        leases.create("a", Map.of());
        leases.create("Z", Map.of());
        leases.create("é", Map.of());

        assertThat(created.labels()).containsExactly(Map.entry("k", "v"));
        assertThat(created.createdAt()).isBetween(before, Instant.now());
        assertThat(ids()).containsExactly("Z", "a", "b", "é");
        // the stored lease reads back exactly, nanoseconds included
        assertThat(leases.list(List.of("id==b"))).containsExactly(created);
    }

    @Test
    void ids_are_not_held_to_the_identifier_rules_but_generated_when_empty() {
        leases.create("bad name", Map.of());
        leases.create("a/b", Map.of());
        Lease generated = leases.create("", Map.of());
        assertThat(generated.id()).matches("\\d+-[A-Za-z0-9_-]{4}");
        assertThat(ids()).contains("bad name", "a/b", generated.id());
    }

    @Test
    void create_rejects_duplicates_and_empty_label_keys_without_leaving_anything() {
        leases.create("dup", Map.of());
        assertFails(() -> leases.create("dup", Map.of()), ErrorKind.ALREADY_EXISTS, "lease \"dup\": already exists");
        assertFails(() -> leases.create("keyless", Map.of("", "v")), ErrorKind.UNKNOWN,
                "failed to set label \"\"=\"v\": key required");
        assertThat(ids()).containsExactly("dup");
    }

    @Test
    void list_filters_on_id_and_labels() {
        leases.create("one", Map.of("team", "infra"));
        leases.create("two", Map.of("team", "web", "containerd.io/gc.expire", "2030-01-01T00:00:00Z"));
        leases.create("three", Map.of());
        assertThat(ids("labels.team==infra", "id==three")).containsExactly("one", "three");
        assertThat(ids("labels.\"containerd.io/gc.expire\"")).containsExactly("two");
        assertThat(ids("id~=^t,labels.team")).containsExactly("two");
        assertFails(() -> leases.list(List.of("bad filter==")), ErrorKind.INVALID_ARGUMENT,
                "filters: parse error: [bad  >|f|< ilter==]: expected an operator (\"==\"|\"!=\"|\"~=\"): "
                        + "invalid argument: invalid argument");
    }

    @Test
    void delete_removes_the_lease_with_its_labels_and_resources() {
        leases.create("gone", Map.of("k", "v"));
        leases.addResource("gone", new Resource(BLOB, Resource.CONTENT));
        leases.delete("gone");
        assertThat(ids()).isEmpty();
        assertFails(() -> leases.delete("gone"), ErrorKind.NOT_FOUND, "lease \"gone\": not found");
        // a lease of the same name starts afresh
        leases.create("gone", Map.of());
        assertThat(leases.listResources("gone")).isEmpty();
        assertThat(leases.list(List.of()).getFirst().labels()).isEmpty();
    }

    @Test
    void resources_are_kept_once_and_listed_content_ingests_snapshots() {
        leases.create("pull", Map.of());
        leases.addResource("pull", new Resource("key-b", "snapshots/overlayfs"));
        leases.addResource("pull", new Resource("key-a", "snapshots/overlayfs"));
        leases.addResource("pull", new Resource("key-z", "snapshots/native"));
        leases.addResource("pull", new Resource("ref-1", Resource.INGESTS));
        leases.addResource("pull", new Resource(BLOB, Resource.CONTENT));
        leases.addResource("pull", new Resource(BLOB, Resource.CONTENT));
        assertThat(leases.listResources("pull")).containsExactly(
                new Resource(BLOB, "content"),
                new Resource("ref-1", "ingests"),
                new Resource("key-z", "snapshots/native"),
                new Resource("key-a", "snapshots/overlayfs"),
                new Resource("key-b", "snapshots/overlayfs"));

        leases.deleteResource("pull", new Resource("key-a", "snapshots/overlayfs"));
        leases.deleteResource("pull", new Resource("never-added", Resource.INGESTS));
        assertThat(leases.listResources("pull")).extracting(Resource::id)
                .containsExactly(BLOB, "ref-1", "key-z", "key-b");
    }

    @Test
    void resource_errors_come_in_containerds_order() {
        // the lease is looked up first, then the resource checked
        assertFails(() -> leases.addResource("ghost", new Resource("x", "bogus")), ErrorKind.NOT_FOUND,
                "lease \"ghost\": not found");
        assertFails(() -> leases.deleteResource("ghost", new Resource("x", "bogus")), ErrorKind.NOT_FOUND,
                "lease \"ghost\": not found");
        assertFails(() -> leases.listResources("ghost"), ErrorKind.NOT_FOUND, "lease \"ghost\": not found");
        leases.create("l", Map.of());
        assertFails(() -> leases.addResource("l", new Resource("x", "bogus")), ErrorKind.NOT_IMPLEMENTED,
                "resource type bogus not supported yet: not implemented");
        assertFails(() -> leases.deleteResource("l", new Resource("sha256:x", Resource.CONTENT)),
                ErrorKind.INVALID_ARGUMENT,
                "invalid content resource id sha256:x: invalid checksum digest length: invalid argument");
        // names bolt cannot store
        assertFails(() -> leases.addResource("l", new Resource("k", "snapshots/")), ErrorKind.UNKNOWN,
                "bucket name required");
        assertFails(() -> leases.addResource("l", new Resource("", Resource.INGESTS)), ErrorKind.UNKNOWN,
                "key required");
        leases.deleteResource("l", new Resource("", "snapshots/"));
        assertThat(leases.listResources("l")).isEmpty();
    }

    @Test
    void namespaces_are_isolated_and_created_by_their_first_lease() {
        SqliteLeaseStore other = new SqliteLeaseStore(db, "other");
        other.create("shared-name", Map.of("ns", "other"));
        leases.create("shared-name", Map.of("ns", "default"));
        other.addResource("shared-name", new Resource("ref", Resource.INGESTS));

        assertThat(namespaces.list()).containsExactly("default", "other");
        assertThat(leases.list(List.of()).getFirst().labels()).containsEntry("ns", "default");
        assertThat(leases.listResources("shared-name")).isEmpty();
        leases.delete("shared-name");
        assertThat(other.list(List.of())).extracting(Lease::id).containsExactly("shared-name");
        assertThat(new SqliteLeaseStore(db, "unknown").list(List.of())).isEmpty();
        assertThat(namespaces.list()).doesNotContain("unknown");
    }

    @Test
    void leases_do_not_keep_a_namespace_from_being_deleted_and_go_with_it() {
        SqliteLeaseStore doomed = new SqliteLeaseStore(db, "doomed");
        doomed.create("l", Map.of("k", "v"));
        doomed.addResource("l", new Resource("ref", Resource.INGESTS));
        namespaces.delete("doomed");
        assertThat(doomed.list(List.of())).isEmpty();
        int leftovers = db.read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery(
                    "SELECT (SELECT count(*) FROM lease_labels) + (SELECT count(*) FROM lease_resources)")) {
                return rs.getInt(1);
            }
        });
        assertThat(leftovers).isZero();
    }

    @Test
    void migrating_a_schema_1_database_keeps_its_namespaces() throws Exception {
        db.close();
        Path file = dir.resolve("v1.sqlite");
        try (MetadataDatabase v1 = MetadataDatabase.open(file, Schema.MIGRATIONS.subList(0, 1))) {
            new SqliteNamespaceStore(v1, List.of()).create("old", Map.of("kept", "yes"));
            assertThat(v1.schemaVersion()).isEqualTo(1);
        }
        db = MetadataDatabase.open(file);
        assertThat(db.schemaVersion()).isEqualTo(Schema.latestVersion());
        assertThat(new SqliteNamespaceStore(db, List.of()).labels("old")).containsExactly(Map.entry("kept", "yes"));
        SqliteLeaseStore migrated = new SqliteLeaseStore(db, "old");
        migrated.create("first", Map.of());
        assertThat(migrated.list(List.of())).extracting(Lease::id).containsExactly("first");
    }
}
