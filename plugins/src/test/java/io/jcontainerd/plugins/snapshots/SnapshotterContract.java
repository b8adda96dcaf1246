package io.jcontainerd.plugins.snapshots;

import static io.jcontainerd.plugins.snapshots.Applier.all;
import static io.jcontainerd.plugins.snapshots.Applier.chown;
import static io.jcontainerd.plugins.snapshots.Applier.createDir;
import static io.jcontainerd.plugins.snapshots.Applier.createFile;
import static io.jcontainerd.plugins.snapshots.Applier.link;
import static io.jcontainerd.plugins.snapshots.Applier.removeAll;
import static io.jcontainerd.plugins.snapshots.Applier.rename;
import static io.jcontainerd.plugins.snapshots.Applier.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.core.snapshots.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every snapshotter must do, after containerd's {@code snapshots/testsuite}: each backend's
 * test extends this and says how to open one. Tests that look at file contents mount the snapshots
 * for real (root only).
 */
public abstract class SnapshotterContract {
    protected static final Map<String, String> GC_ROOT = Map.of("containerd.io/gc.root", "2026-01-01T00:00:00Z");

    @TempDir
    protected Path tmp;
    protected Path root;
    protected Path work;
    protected Snapshotter sn;

    /** Opens this backend's snapshotter rooted at {@code root}. */
    protected abstract Snapshotter open(Path root) throws IOException;

    @BeforeEach
    void openSnapshotter() throws IOException {
        root = tmp.resolve("root");
        work = Files.createDirectories(tmp.resolve("work"));
        sn = open(root);
    }

    @AfterEach
    void closeSnapshotter() {
        sn.close();
    }

    protected static void assertFails(ThrowingCallable call, ErrorKind kind, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    protected Mounted mount(List<Mount> mounts, String dir) throws IOException {
        return Mounted.at(mounts, work.resolve(dir));
    }

    /** Prepares {@code name}-prepare on {@code parent}, applies {@code change} through a mount, commits as {@code name}. */
    protected void layer(String name, String parent, Applier change) throws IOException {
        String key = name + "-prepare";
        try (Mounted m = mount(sn.prepare(key, parent, GC_ROOT), key)) {
            change.apply(m.path());
        }
        sn.commit(name, key, GC_ROOT);
    }

    protected Map<String, String> viewState(String name) throws IOException {
        String key = name + "-view";
        try (Mounted m = mount(sn.view(key, name, GC_ROOT), key)) {
            return TreeState.of(m.path());
        } finally {
            sn.remove(key);
        }
    }

    /**
     * Builds a chain of committed layers from {@code changes} and checks that a view of each shows
     * what applying the same changes to one plain directory gives.
     */
    protected void checkChain(Applier... changes) throws IOException {
        Path flat = Files.createDirectories(work.resolve("flat"));
        String parent = "";
        for (int i = 0; i < changes.length; i++) {
            String name = "layer-" + i;
            layer(name, parent, changes[i]);
            changes[i].apply(flat);
            assertThat(viewState(name)).as("view of %s", name).isEqualTo(TreeState.of(flat));
            parent = name;
        }
    }

    private List<String> names(String... filters) throws IOException {
        List<String> names = new ArrayList<>();
        sn.walk(List.of(filters), info -> names.add(info.name()));
        return names;
    }

    private List<String> snapshotDirs() throws IOException {
        try (Stream<Path> entries = Files.list(root.resolve("snapshots"))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void basic_workflow_prepare_commit_build_on_it_view_and_remove() throws IOException {
        Applier initial = all(createFile("foo", "foo\n", 0777), createDir("a", 0755), createDir("a/b", 0755),
                createDir("a/b/c", 0755));
        Applier diff = all(createFile("bar", "bar\n", 0777), createFile("foo", "bar\n", 0777), removeAll("a/b"));
        Path expected = Files.createDirectories(work.resolve("expected"));

        try (Mounted m = mount(sn.prepare("preparing", "", GC_ROOT), "preparing")) {
            initial.apply(m.path());
        }
        sn.commit("committed", "preparing", GC_ROOT);
        Info committed = sn.stat("committed");
        assertThat(committed.kind()).isEqualTo(Kind.COMMITTED);
        assertThat(committed.parent()).isEmpty();
        assertFails(() -> sn.stat("preparing"), ErrorKind.NOT_FOUND, "snapshot does not exist: not found");

        initial.apply(expected);
        try (Mounted m = mount(sn.prepare("next", "committed", GC_ROOT), "next")) {
            assertThat(TreeState.of(m.path())).isEqualTo(TreeState.of(expected));
            diff.apply(m.path());
        }
        Info next = sn.stat("next");
        assertThat(next.kind()).isEqualTo(Kind.ACTIVE);
        assertThat(next.parent()).isEqualTo("committed");
        sn.commit("committed-next", "next", GC_ROOT);
        Info committedNext = sn.stat("committed-next");
        assertThat(committedNext.kind()).isEqualTo(Kind.COMMITTED);
        assertThat(committedNext.parent()).isEqualTo("committed");
        assertFails(() -> sn.stat("next"), ErrorKind.NOT_FOUND, "snapshot does not exist: not found");

        List<Info> walked = new ArrayList<>();
        sn.walk(info -> true, walked::add);
        assertThat(walked).containsExactly(committed, committedNext);

        diff.apply(expected);
        try (Mounted m = mount(sn.view("view", "committed-next", GC_ROOT), "view")) {
            assertThat(TreeState.of(m.path())).isEqualTo(TreeState.of(expected));
        }
        sn.remove("view");
        assertFails(() -> sn.remove("committed"), ErrorKind.FAILED_PRECONDITION,
                "failed to remove: cannot remove snapshot with child: failed precondition");
        sn.remove("committed-next");
        sn.remove("committed");
        assertThat(names()).isEmpty();
    }

    /** The base set of upstream's testsuite: c1 ← c2 ← a1, a2, c2 ← v1, v2. */
    private void baseSnapshots() throws IOException {
        sn.prepare("c1-a", "", GC_ROOT);
        sn.commit("c1", "c1-a", GC_ROOT);
        sn.prepare("c2-a", "c1", GC_ROOT);
        sn.commit("c2", "c2-a", GC_ROOT);
        sn.prepare("a1", "c2", GC_ROOT);
        sn.prepare("a2", "", GC_ROOT);
        sn.view("v1", "c2", GC_ROOT);
        sn.view("v2", "", GC_ROOT);
    }

    @Test
    void stat_tells_name_kind_parent_labels_and_creation_time() throws IOException {
        Instant before = Instant.now();
        baseSnapshots();
        Instant after = Instant.now();

        Map<String, Kind> kinds = Map.of("c1", Kind.COMMITTED, "c2", Kind.COMMITTED, "a1", Kind.ACTIVE,
                "a2", Kind.ACTIVE, "v1", Kind.VIEW, "v2", Kind.VIEW);
        Map<String, String> parents = Map.of("c1", "", "c2", "c1", "a1", "c2", "a2", "", "v1", "c2", "v2", "");
        for (String name : kinds.keySet()) {
            Info info = sn.stat(name);
            assertThat(info.name()).isEqualTo(name);
            assertThat(info.kind()).as(name).isEqualTo(kinds.get(name));
            assertThat(info.parent()).as(name).isEqualTo(parents.get(name));
            assertThat(info.labels()).isEqualTo(GC_ROOT);
            assertThat(info.created()).isBetween(before, after).isEqualTo(info.updated());
        }
    }

    @Test
    void update_changes_labels_by_field_path_and_nothing_else() throws IOException {
        baseSnapshots();
        for (String name : List.of("c1", "c2", "a1", "a2", "v1", "v2")) {
            Info st = sn.stat(name);
            Map<String, String> expected = new HashMap<>(GC_ROOT);
            expected.putAll(Map.of("l1", "v1", "l2", "v2", "l3", "v3"));
            Info request = new Info(st.kind(), name, "doesnotexist", expected, st.created(), st.updated());

            Instant before = Instant.now();
            Info updated = sn.update(request, List.of());
            assertThat(updated.updated()).isBetween(before, Instant.now());
            assertThat(updated.created()).isEqualTo(st.created());
            assertThat(updated.parent()).isEqualTo(st.parent());
            assertThat(updated.kind()).isEqualTo(st.kind());
            assertThat(updated.labels()).isEqualTo(expected);

            updated = sn.update(updated.withLabels(Map.of("l1", "updated", "l4", "v4")), List.of("labels.l1", "labels.l2"));
            expected.put("l1", "updated");
            expected.remove("l2");
            assertThat(updated.labels()).isEqualTo(expected);
            assertThat(sn.stat(name)).isEqualTo(updated);

            Map<String, String> replaced = new HashMap<>(GC_ROOT);
            replaced.put("l4", "v4");
            updated = sn.update(updated.withLabels(replaced), List.of("labels"));
            assertThat(updated.labels()).isEqualTo(replaced);

            assertFails(() -> sn.update(sn.stat(name), List.of("parent")), ErrorKind.INVALID_ARGUMENT,
                    "cannot update \"parent\" field on snapshot \"" + name + "\": invalid argument");
        }
    }

    @Test
    void a_key_holds_one_snapshot_of_any_kind() throws IOException {
        sn.prepare("base-a", "", GC_ROOT);
        sn.commit("base", "base-a", GC_ROOT);
        sn.prepare("new", "base", GC_ROOT);
        sn.view("viewed", "base", GC_ROOT);

        for (String key : List.of("new", "viewed", "base")) {
            String message = "failed to create snapshot: snapshot " + key + ": already exists";
            assertFails(() -> sn.prepare(key, "base", GC_ROOT), ErrorKind.ALREADY_EXISTS, message);
            assertFails(() -> sn.view(key, "base", GC_ROOT), ErrorKind.ALREADY_EXISTS, message);
        }
        assertFails(() -> sn.commit("viewed", "new", GC_ROOT), ErrorKind.ALREADY_EXISTS,
                "failed to commit snapshot: committed snapshot viewed: already exists");
    }

    @Test
    void removed_keys_can_be_used_again() throws IOException {
        sn.prepare("committed-a", "", GC_ROOT);
        sn.commit("committed-1", "committed-a", GC_ROOT);
        sn.prepare("reuse-1", "committed-1", GC_ROOT);
        sn.remove("reuse-1");
        sn.view("reuse-1", "committed-1", GC_ROOT);
        sn.remove("reuse-1");
        sn.prepare("reuse-1", "", GC_ROOT);
        sn.remove("committed-1");
        sn.commit("committed-1", "reuse-1", GC_ROOT);
        assertThat(sn.stat("committed-1").parent()).isEmpty();
    }

    @Test
    void walk_filters_by_kind_name_parent_and_labels() throws IOException {
        Map<String, String> gc = Map.of("containerd.io/gc.root", "check-walk");
        Map<String, String> gcAnd = new HashMap<>(gc);
        sn.prepare("a-np", "", gc);
        sn.prepare("p-tmp", "", gc);
        sn.commit("p", "p-tmp", gc);
        sn.prepare("a", "p", gc);
        sn.view("v", "p", gc);
        sn.prepare("p-wl-tmp", "", gc);
        gcAnd.put("l", "1");
        sn.commit("p-wl", "p-wl-tmp", gcAnd);
        gcAnd.put("l", "2");
        sn.prepare("a-wl", "p-wl", gcAnd);
        gcAnd.put("l", "3");
        sn.view("v-wl", "p-wl", gcAnd);
        gcAnd.put("l", "2");
        sn.prepare("a-np-wl", "", gcAnd);

        assertThat(names("labels.\"containerd.io/gc.root\"==check-walk"))
                .containsExactly("a", "a-np", "a-np-wl", "a-wl", "p", "p-wl", "v", "v-wl");
        assertThat(names("kind==active,labels.\"containerd.io/gc.root\"==check-walk"))
                .containsExactly("a", "a-np", "a-np-wl", "a-wl");
        assertThat(names("kind==view,labels.\"containerd.io/gc.root\"==check-walk")).containsExactly("v", "v-wl");
        assertThat(names("kind==committed,labels.\"containerd.io/gc.root\"==check-walk")).containsExactly("p", "p-wl");
        assertThat(names("name==p", "name==a-np-wl")).containsExactly("a-np-wl", "p");
        assertThat(names("name==a-wl,labels.l")).containsExactly("a-wl");
        assertThat(names("parent==p")).containsExactly("a", "v");
        assertThat(names("parent!=\"\",labels.\"containerd.io/gc.root\"==check-walk"))
                .containsExactly("a", "a-wl", "v", "v-wl");
        assertThat(names("labels.l")).containsExactly("a-np-wl", "a-wl", "p-wl", "v-wl");
        assertThat(names("labels.l==2")).containsExactly("a-np-wl", "a-wl");
        assertThatThrownBy(() -> names("name==foo,"))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void a_walk_visitor_may_call_back_into_the_snapshotter() throws IOException {
        baseSnapshots();
        List<Info> seen = new ArrayList<>();
        sn.walk(info -> true, info -> {
            try {
                assertThat(sn.stat(info.name())).isEqualTo(info);
                seen.add(info);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(seen).extracting(Info::name).containsExactly("a1", "a2", "c1", "c2", "v1", "v2");
    }

    @Test
    void errors_say_what_went_wrong_with_containerds_words_and_kinds() throws IOException {
        sn.prepare("c-a", "", GC_ROOT);
        sn.commit("c", "c-a", GC_ROOT);
        sn.prepare("a", "c", GC_ROOT);
        sn.view("v", "c", GC_ROOT);

        assertFails(() -> sn.stat("nope"), ErrorKind.NOT_FOUND, "snapshot does not exist: not found");
        assertFails(() -> sn.usage("nope"), ErrorKind.NOT_FOUND, "snapshot does not exist: not found");
        assertFails(() -> sn.update(new Info(Kind.UNKNOWN, "nope", "", Map.of(), null, null), List.of()),
                ErrorKind.NOT_FOUND, "snapshot does not exist: not found");
        assertFails(() -> sn.prepare("k", "nope", Map.of()), ErrorKind.NOT_FOUND,
                "failed to create snapshot: missing parent \"nope\" bucket: not found");
        assertFails(() -> sn.view("k", "a", Map.of()), ErrorKind.INVALID_ARGUMENT,
                "failed to create snapshot: parent \"a\" is not committed snapshot: invalid argument");
        assertFails(() -> sn.prepare("k", "v", Map.of()), ErrorKind.INVALID_ARGUMENT,
                "failed to create snapshot: parent \"v\" is not committed snapshot: invalid argument");
        assertFails(() -> sn.commit("x", "nope", Map.of()), ErrorKind.NOT_FOUND, "snapshot does not exist: not found");
        assertFails(() -> sn.commit("x", "v", Map.of()), ErrorKind.FAILED_PRECONDITION,
                "failed to commit snapshot: snapshot \"v\" is not active: failed precondition");
        assertFails(() -> sn.commit("x", "c", Map.of()), ErrorKind.FAILED_PRECONDITION,
                "failed to commit snapshot: snapshot \"c\" is not active: failed precondition");
        assertFails(() -> sn.mounts("c"), ErrorKind.FAILED_PRECONDITION,
                "failed to get active mount: requested snapshot c not active or view: failed precondition");
        assertFails(() -> sn.mounts("nope"), ErrorKind.NOT_FOUND,
                "failed to get active mount: snapshot does not exist: not found");
        assertFails(() -> sn.remove("nope"), ErrorKind.NOT_FOUND, "failed to remove: snapshot nope: not found");
        assertFails(() -> sn.remove("c"), ErrorKind.FAILED_PRECONDITION,
                "failed to remove: cannot remove snapshot with child: failed precondition");

        // nothing failed half-way: the set of snapshots and their directories is unchanged
        assertThat(names()).containsExactly("a", "c", "v");
        assertThat(snapshotDirs()).hasSize(3);
    }

    @Test
    void mounts_gives_back_what_prepare_and_view_returned() throws IOException {
        sn.prepare("c-a", "", GC_ROOT);
        sn.commit("c", "c-a", GC_ROOT);
        List<Mount> active = sn.prepare("a", "c", GC_ROOT);
        List<Mount> view = sn.view("v", "c", GC_ROOT);
        List<Mount> lone = sn.prepare("lone", "", GC_ROOT);

        assertThat(sn.mounts("a")).isEqualTo(active);
        assertThat(sn.mounts("v")).isEqualTo(view);
        assertThat(sn.mounts("lone")).isEqualTo(lone);
        assertThat(active).isNotEqualTo(view);
    }

    @Test
    void removing_a_parent_waits_for_its_children() throws IOException {
        sn.prepare("base-a", "", GC_ROOT);
        sn.commit("base", "base-a", GC_ROOT);
        sn.prepare("inter-a", "base", GC_ROOT);
        sn.commit("inter", "inter-a", GC_ROOT);
        sn.prepare("top", "inter", GC_ROOT);

        assertFails(() -> sn.remove("inter"), ErrorKind.FAILED_PRECONDITION,
                "failed to remove: cannot remove snapshot with child: failed precondition");
        assertFails(() -> sn.remove("base"), ErrorKind.FAILED_PRECONDITION,
                "failed to remove: cannot remove snapshot with child: failed precondition");
        sn.remove("top");
        sn.remove("inter");
        sn.remove("base");
        assertThat(names()).isEmpty();
        assertThat(snapshotDirs()).isEmpty();
    }

    @Test
    void remove_deletes_the_snapshots_directory_and_cleanup_what_nothing_owns() throws IOException {
        sn.prepare("kept", "", GC_ROOT);
        sn.prepare("gone", "", GC_ROOT);
        assertThat(snapshotDirs()).containsExactly("1", "2");
        sn.remove("gone");
        assertThat(snapshotDirs()).containsExactly("1");

        Path snapshots = root.resolve("snapshots");
        Files.createDirectories(snapshots.resolve("new-7/fs"));
        Files.createDirectories(snapshots.resolve("rm-abc/2/fs"));
        Files.createDirectories(snapshots.resolve("42"));
        Files.writeString(snapshots.resolve("stray"), "x");
        sn.cleanup();

        assertThat(snapshotDirs()).containsExactly("1");
        assertThat(sn.mounts("kept")).isNotEmpty();
    }

    @Test
    void a_directory_left_by_a_crash_under_a_fresh_id_does_not_leak_into_the_snapshot() throws IOException {
        // a crash after the rename but before the commit leaves snapshots/<id> with no record of it
        Path stale = Files.createDirectories(root.resolve("snapshots/1"));
        Files.writeString(stale.resolve("junk"), "from before the crash");
        Files.createDirectories(root.resolve("snapshots/new-1"));

        sn.prepare("fresh", "", GC_ROOT);

        assertThat(snapshotDirs()).containsExactly("1");
        try (Stream<Path> all = Files.walk(root.resolve("snapshots/1"))) {
            assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("junk");
        }
    }

    @Test
    void ids_are_never_handed_out_twice() throws IOException {
        sn.prepare("one", "", GC_ROOT);
        sn.prepare("two", "", GC_ROOT);
        sn.remove("two");
        sn.prepare("three", "", GC_ROOT);
        assertThat(snapshotDirs()).containsExactly("1", "3");
    }

    @Test
    void snapshots_survive_closing_and_reopening() throws IOException {
        baseSnapshots();
        List<Info> before = new ArrayList<>();
        sn.walk(i -> true, before::add);
        List<Mount> mounts = sn.mounts("a1");
        sn.close();

        sn = open(root);
        List<Info> after = new ArrayList<>();
        sn.walk(i -> true, after::add);
        assertThat(after).isEqualTo(before);
        assertThat(sn.mounts("a1")).isEqualTo(mounts);
    }

    @Test
    void closing_twice_is_fine() throws IOException {
        sn.prepare("p", "", GC_ROOT);
        sn.commit("c", "p", GC_ROOT);
        sn.remove("c");
        sn.close();
        sn.close();
    }

    @Test
    void usage_of_an_active_snapshot_is_measured_and_commit_records_it() throws IOException {
        try (Mounted m = mount(sn.prepare("a", "", GC_ROOT), "a")) {
            Files.write(m.path().resolve("one"), new byte[10_000]);
            Files.write(m.path().resolve("two"), new byte[20_000]);
            Files.createDirectory(m.path().resolve("dir"));
            Files.createLink(m.path().resolve("dir/also-one"), m.path().resolve("one"));
        }
        Usage active = sn.usage("a");
        assertThat(active.inodes()).isEqualTo(4); // the root, one (twice linked), two, dir
        assertThat(active.size()).isGreaterThanOrEqualTo(30_000);

        sn.commit("c", "a", GC_ROOT);
        assertThat(sn.usage("c")).isEqualTo(active);
        sn.view("v", "c", GC_ROOT);
        assertThat(sn.usage("v")).isEqualTo(Usage.ZERO);
    }

    @Test
    void a_view_is_read_only() throws IOException {
        sn.prepare("p", "", GC_ROOT);
        sn.commit("c", "p", GC_ROOT);
        try (Mounted m = mount(sn.view("v", "c", GC_ROOT), "v")) {
            assertThatThrownBy(() -> Files.writeString(m.path().resolve("testfile"), "content"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Read-only file system");
        }
    }

    @Test
    void the_root_of_a_new_snapshot_is_0755() throws IOException {
        try (Mounted m = mount(sn.prepare("p", "", GC_ROOT), "p")) {
            assertThat((Integer) Files.getAttribute(m.path(), "unix:mode") & 07777).isEqualTo(0755);
        }
    }

    @Test
    void files_updated_in_an_upper_layer() throws IOException {
        checkChain(
                all(createDir("etc", 0700), createFile("etc/hosts", "mydomain 10.0.0.1", 0644),
                        createFile("etc/profile", "PATH=/usr/bin", 0644)),
                all(createFile("etc/hosts", "mydomain 10.0.0.2", 0644), createFile("etc/profile", "PATH=/usr/bin", 0666),
                        createDir("root", 0700), createFile("root/.bashrc", "PATH=/usr/sbin:/usr/bin", 0644)));
    }

    @Test
    void a_directory_removed_and_recreated_in_an_upper_layer_is_the_new_one() throws IOException {
        checkChain(
                all(createDir("lib", 0700), createFile("lib/hidden", "", 0644)),
                all(removeAll("lib"), createDir("lib", 0700), createFile("lib/not-hidden", "", 0644)),
                all(createFile("lib/newfile", "", 0644)));
    }

    @Test
    void files_deleted_in_a_child_stay_deleted() throws IOException {
        checkChain(
                all(createFile("foo", "foo\n", 0777), createFile("foobar", "foobar\n", 0777)),
                removeAll("foobar"),
                all());
    }

    @Test
    void files_moved_and_linked_from_a_lower_layer() throws IOException {
        checkChain(
                all(createDir("dir1", 0700), createFile("dir1/f1", "Hello", 0644), createDir("dir2", 0700),
                        createFile("dir2/f2", "...", 0644)),
                all(createDir("dir3", 0700), createFile("dir3/f1", "Hello", 0644), removeAll("dir1"),
                        link("dir2/f2", "dir3/f2"), removeAll("dir2/f2")));
    }

    @Test
    void owners_changed_in_an_upper_layer() throws IOException {
        checkChain(
                all(createDir("opt", 0700), createDir("opt/a", 0700), createDir("opt/a/b", 0700),
                        createFile("opt/a/b/file.txt", "hello", 0644)),
                all(chown("opt", 1, 1), chown("opt/a", 1, 1), chown("opt/a/b", 1, 1), chown("opt/a/b/file.txt", 1, 1)));
    }

    @Test
    void directory_permissions_survive_commit() throws IOException {
        checkChain(
                all(createDir("dir1", 0700), createDir("dir2", 0700), createDir("dir3", 0700),
                        createDir("dir4", 0700), createFile("dir4/foo", "foo", 0644), createDir("dir5", 0700),
                        createFile("dir5/bar", "bar", 0644), chown("dir1", 1, 1), chown("dir2", 1, 1),
                        chown("dir3", 1, 1), chown("dir5", 1, 1), chown("dir5/bar", 1, 1)),
                all(createDir("dir2/foo", 0700), chown("dir2/foo", 1, 1), createFile("dir3/bar", "bar", 0644),
                        chown("dir3/bar", 1, 1)));
    }

    @Test
    void renames_and_symlinks_in_upper_layers() throws IOException {
        checkChain(
                all(createDir("dir1", 0755), createFile("somefile", "", 0644), createDir("dir2", 0755),
                        createDir("dir2/a", 0755)),
                all(rename("dir1", "dir3"), rename("somefile", "dir3/somefile"), rename("dir2/a", "dir2/b"),
                        symlink("dir3/somefile", "link")),
                // not the non-empty dir3 itself: overlayfs refuses renaming a lower directory (EXDEV)
                all(rename("dir3/somefile", "dir3/renamed"), symlink("/nowhere", "dangling")));
    }

    @Test
    void a_chain_of_128_layers_mounts() throws IOException {
        List<Applier> layers = new ArrayList<>();
        layers.add(all(createFile("bottom", "way at the bottom\n", 0777), createFile("overwriteme", "FIRST!\n", 0777),
                createDir("ADDHERE", 0755), createDir("ONLYME", 0755), createFile("ONLYME/bottom", "bye!\n", 0777)));
        for (int i = 1; i <= 127; i++) {
            layers.add(all(createFile("overwriteme", i + " WAS HERE!\n", 0777),
                    createFile("ADDHERE/file-" + i, "same\n", 0755), removeAll("ONLYME"), createDir("ONLYME", 0755),
                    createFile("ONLYME/file-" + i, "only me!\n", 0777)));
        }
        Path flat = Files.createDirectories(work.resolve("flat"));
        String parent = "";
        for (int i = 0; i < layers.size(); i++) {
            layer("committed-" + i, parent, layers.get(i));
            layers.get(i).apply(flat);
            parent = "committed-" + i;
        }
        assertThat(viewState(parent)).isEqualTo(TreeState.of(flat));
    }
}
