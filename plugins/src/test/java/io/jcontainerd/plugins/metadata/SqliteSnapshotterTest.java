package io.jcontainerd.plugins.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.leases.Resource;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.plugins.content.local.LocalContentStore;
import io.jcontainerd.plugins.snapshots.nativecopy.NativeSnapshotter;
import io.jcontainerd.sys.LinuxSyscalls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The namespaced snapshotter over a real native backend: keys per namespace, upstream's errors, leases and GC. */
class SqliteSnapshotterTest {
    @TempDir
    Path dir;
    NativeSnapshotter backend;
    Metadata metadata;

    @BeforeEach
    void open() throws IOException {
        backend = NativeSnapshotter.open(new LinuxSyscalls(), dir.resolve("native"));
        metadata = MetadataPlugin.open(dir.resolve("meta.sqlite"), MetadataConfig.defaults(),
                new LocalContentStore(dir.resolve("content")), Map.of("native", backend));
    }

    @AfterEach
    void close() {
        metadata.close();
        backend.close();
    }

    private Snapshotter in(String namespace) {
        return metadata.snapshotters().in("native", namespace, Optional.empty());
    }

    private List<String> backendKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        backend.walk(i -> true, i -> keys.add(i.name()));
        return keys;
    }

    private static void assertFails(ThrowingCallable call, ErrorKind kind, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    @Test
    void keysBelongToTheirNamespaceAndMapToBackendKeys() throws IOException {
        in("a").prepare("k", "", Map.of("x", "1"));
        in("b").prepare("k", "", Map.of());
        assertThat(backendKeys()).containsExactlyInAnyOrder("a/1/k", "b/1/k");
        Info info = in("a").stat("k");
        assertThat(info.name()).isEqualTo("k");
        assertThat(info.kind()).isEqualTo(Kind.ACTIVE);
        assertThat(info.labels()).containsExactly(Map.entry("x", "1"));

        in("a").commit("layer", "k", Map.of(GcLabels.ROOT, "x"));
        in("a").view("v", "layer", Map.of());
        assertThat(in("a").stat("v").parent()).isEqualTo("layer");
        List<String> names = new ArrayList<>();
        in("a").walk(List.of("kind==committed"), i -> names.add(i.name()));
        assertThat(names).containsExactly("layer");
        assertFails(() -> in("b").stat("layer"), ErrorKind.NOT_FOUND, "snapshot layer does not exist: not found");
    }

    @Test
    void errorsAreUpstreams() throws IOException {
        Snapshotter a = in("a");
        a.prepare("k", "", Map.of());
        assertFails(() -> a.prepare("k", "", Map.of()), ErrorKind.ALREADY_EXISTS, "snapshot \"k\": already exists");
        assertFails(() -> a.prepare("c", "nope", Map.of()), ErrorKind.NOT_FOUND,
                "parent snapshot nope does not exist: not found");
        assertFails(() -> a.commit("x", "nope", Map.of()), ErrorKind.NOT_FOUND, "snapshot nope does not exist: not found");
        a.commit("layer", "k", Map.of());
        a.prepare("child", "layer", Map.of());
        assertFails(() -> a.commit("layer", "child", Map.of()), ErrorKind.ALREADY_EXISTS,
                "snapshot \"layer\": already exists");
        assertFails(() -> a.remove("layer"), ErrorKind.FAILED_PRECONDITION,
                "cannot remove snapshot with child: failed precondition");
        assertFails(() -> a.update(new Info(Kind.UNKNOWN, "layer", "", Map.of(), null, null), List.of("parent")),
                ErrorKind.INVALID_ARGUMENT, "cannot update \"parent\" field on snapshot \"layer\": invalid argument");
        assertFails(a::cleanup, ErrorKind.NOT_IMPLEMENTED, "snapshotter does not implement Cleanup method");
    }

    /**
     * A crash between the backend's prepare and the record's commit leaves a backend snapshot
     * under a sequence number no record has: the next prepare of that key replaces it.
     */
    @Test
    void aPrepareReplacesTheOrphanACrashLeftUnderItsSequenceNumber() throws IOException {
        backend.prepare("a/1/k", "", Map.of());
        Snapshotter a = in("a");
        a.prepare("k", "", Map.of());
        assertThat(backendKeys()).containsExactly("a/1/k");
        assertThat(a.stat("k").kind()).isEqualTo(Kind.ACTIVE);
        a.commit("c", "k", Map.of());
        assertThat(backendKeys()).containsExactly("a/2/c");
    }

    /** The record fails after the backend made the snapshot: the lease it names does not exist. */
    @Test
    void aPrepareWhoseRecordFailsLeavesNoBackendSnapshot() throws IOException {
        Snapshotter ghostLeased = metadata.snapshotters().in("native", "a", Optional.of("ghost"));
        assertFails(() -> ghostLeased.prepare("k", "", Map.of()), ErrorKind.NOT_FOUND, "lease does not exist: not found");
        assertThat(backendKeys()).isEmpty();
        assertFails(() -> in("a").stat("k"), ErrorKind.NOT_FOUND, "snapshot k does not exist: not found");
    }

    @Test
    void removedSnapshotsLeaveTheBackendAtTheNextCollectionAndRootsKeepTheirParents() throws IOException {
        Snapshotter a = in("a");
        a.prepare("k1", "", Map.of());
        a.commit("base", "k1", Map.of());
        a.prepare("k2", "base", Map.of());
        a.commit("top", "k2", Map.of(GcLabels.ROOT, "yes"));
        a.prepare("scratch", "", Map.of());
        a.remove("scratch");
        assertThat(backendKeys()).hasSize(3);

        metadata.collector().collect();
        assertThat(backendKeys()).containsExactlyInAnyOrder("a/2/base", "a/4/top");

        a.update(new Info(Kind.UNKNOWN, "top", "", Map.of(), null, null), List.of("labels." + GcLabels.ROOT));
        metadata.collector().collect();
        assertThat(backendKeys()).isEmpty();
        assertFails(() -> a.stat("base"), ErrorKind.NOT_FOUND, "snapshot base does not exist: not found");
    }

    @Test
    void aLeasedCallHoldsWhatItCreatesAndCommitMovesTheHold() throws IOException {
        metadata.leases().in("a").create("unpack", Map.of());
        Snapshotter leased = metadata.snapshotters().in("native", "a", Optional.of("unpack"));
        leased.prepare("extract", "", Map.of());
        assertThat(metadata.leases().in("a").listResources("unpack"))
                .containsExactly(new Resource("extract", "snapshots/native"));
        leased.commit("layer", "extract", Map.of());
        metadata.collector().collect();
        assertThat(metadata.leases().in("a").listResources("unpack"))
                .containsExactly(new Resource("layer", "snapshots/native"));
        assertThat(in("a").stat("layer").kind()).isEqualTo(Kind.COMMITTED);

        metadata.leases().in("a").delete("unpack");
        metadata.collector().collect();
        assertThat(backendKeys()).isEmpty();
    }

    @Test
    void anUnknownSnapshotterIsNotFound() {
        assertFails(() -> metadata.snapshotters().in("zfs", "a", Optional.empty()), ErrorKind.NOT_FOUND,
                "snapshotter zfs: not found");
    }
}
