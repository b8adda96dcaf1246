package io.jcontainerd.plugins.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.containers.ContainerStore;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.plugins.content.local.LocalContentStore;
import io.jcontainerd.plugins.snapshots.nativecopy.NativeSnapshotter;
import io.jcontainerd.sys.LinuxSyscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container store on SQLite: containerd's validation, field masks, filters, errors, and containers as GC roots. */
class SqliteContainerStoreTest {
    private static final TypedValue SPEC = new TypedValue("types.containerd.io/opencontainers/runtime-spec/1/Spec",
            "{\"ociVersion\":\"1.0.2\"}".getBytes(StandardCharsets.UTF_8));
    private static final String RUNC = "io.containerd.runc.v2";

    @TempDir
    Path dir;
    NativeSnapshotter backend;
    Metadata metadata;
    ContainerStore containers;

    @BeforeEach
    void open() throws IOException {
        backend = NativeSnapshotter.open(new LinuxSyscalls(), dir.resolve("native"));
        metadata = MetadataPlugin.open(dir.resolve("meta.sqlite"), MetadataConfig.defaults(),
                new LocalContentStore(dir.resolve("content")), Map.of("native", backend));
        containers = metadata.containers().in("a");
    }

    @AfterEach
    void close() {
        metadata.close();
        backend.close();
    }

    private static Container container(String id, Map<String, String> labels) {
        return new Container(id, labels, "docker.io/library/busybox:latest",
                new Container.Runtime(RUNC, new TypedValue("containerd.runc.v1.Options", new byte[] {8, 1})), SPEC,
                "native", id + "-snapshot", Map.of("ext", new TypedValue("x.Y", new byte[] {1, 2, 3})), null, null);
    }

    private static void assertFails(ThrowingCallable call, ErrorKind kind, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    @Test
    void createGetAndListRoundTripEveryField() {
        Container created = containers.create(container("c1", Map.of("app", "web", "empty", "")));
        assertThat(created.createdAt()).isNotNull().isEqualTo(created.updatedAt());
        containers.create(container("b0", Map.of()));

        Container got = containers.get("c1");
        assertThat(got).isEqualTo(created);
        assertThat(got.labels()).containsExactly(Map.entry("app", "web"));
        assertThat(got.runtime().options().value()).containsExactly(8, 1);
        assertThat(got.extensions()).containsOnlyKeys("ext");
        assertThat(containers.list(List.of()).stream().map(Container::id)).containsExactly("b0", "c1");
        assertThat(containers.list(List.of("labels.app==web")).stream().map(Container::id)).containsExactly("c1");
        assertThat(containers.list(List.of("runtime.name==" + RUNC, "id==nothing"))).hasSize(2);
        assertThat(containers.list(List.of("image~=busybox,id==b0")).stream().map(Container::id)).containsExactly("b0");
        assertThat(metadata.containers().in("other").list(List.of())).isEmpty();
    }

    @Test
    void upstreamValidationAndErrors() {
        containers.create(container("c1", Map.of()));
        assertFails(() -> containers.create(container("c1", Map.of())), ErrorKind.ALREADY_EXISTS,
                "container \"c1\": already exists");
        assertFails(() -> containers.create(container("bad id", Map.of())), ErrorKind.INVALID_ARGUMENT,
                "create container failed validation: container.ID: identifier \"bad id\" must match "
                        + "^[A-Za-z0-9]+(?:[._-](?:[A-Za-z0-9]+))*$: invalid argument");
        Container noSpec = new Container("s", Map.of(), "", new Container.Runtime(RUNC, null), null, "", "", Map.of(),
                null, null);
        assertFails(() -> containers.create(noSpec), ErrorKind.INVALID_ARGUMENT,
                "create container failed validation: container.Spec must be set: invalid argument");
        Container noRuntime = new Container("r", Map.of(), "", null, SPEC, "", "", Map.of(), null, null);
        assertFails(() -> containers.create(noRuntime), ErrorKind.INVALID_ARGUMENT,
                "create container failed validation: container.Runtime.Name must be set: invalid argument");
        Container keyWithoutSnapshotter = new Container("k", Map.of(), "", new Container.Runtime(RUNC, null), SPEC, "",
                "key", Map.of(), null, null);
        assertFails(() -> containers.create(keyWithoutSnapshotter), ErrorKind.INVALID_ARGUMENT,
                "create container failed validation: container.Snapshotter must be set if container.SnapshotKey is set: "
                        + "invalid argument");
        assertFails(() -> containers.get("nope"), ErrorKind.NOT_FOUND, "container \"nope\" in namespace \"a\": not found");
        assertFails(() -> containers.delete("nope"), ErrorKind.NOT_FOUND, "container nope: not found");
        assertFails(() -> metadata.containers().in("b").delete("nope"), ErrorKind.NOT_FOUND,
                "cannot delete container \"nope\" in namespace \"b\": not found");
        assertThatThrownBy(() -> containers.list(List.of("labels.a=="))).isInstanceOfSatisfying(ErrdefsException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void updateFollowsTheFieldMaskAndKeepsImmutableFields() {
        Container created = containers.create(container("c1", Map.of("a", "1", "b", "2")));
        Map<String, String> labels = new HashMap<>(Map.of("b", "3", "c", "4"));
        Container request = new Container("c1", labels, "other:image", created.runtime(), created.spec(), "native",
                "changed-key", Map.of(), null, null);

        Container updated = containers.update(request, List.of("labels.b", "labels.a"));
        assertThat(updated.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "3"));
        assertThat(updated.image()).isEqualTo(created.image());
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());

        Container replaced = containers.update(request, List.of());
        assertThat(replaced.image()).isEqualTo("other:image");
        assertThat(replaced.snapshotKey()).isEqualTo("changed-key");
        assertThat(replaced.extensions()).isEmpty();
        assertThat(containers.get("c1")).isEqualTo(replaced);

        Container otherRuntime = new Container("c1", Map.of(), "", new Container.Runtime("io.other", null), SPEC,
                "native", "k", Map.of(), null, null);
        assertFails(() -> containers.update(otherRuntime, List.of()), ErrorKind.INVALID_ARGUMENT,
                "container.Runtime.Name field is immutable: invalid argument");
        assertFails(() -> containers.update(request, List.of("runtime")), ErrorKind.INVALID_ARGUMENT,
                "cannot update \"runtime\" field on \"c1\": invalid argument");
        assertFails(() -> containers.update(container("gone", Map.of()), List.of()), ErrorKind.NOT_FOUND,
                "container \"gone\": not found");
    }

    @Test
    void aContainerHoldsItsSnapshotAndWhatItsLabelsNameUntilDeleted() throws IOException {
        Snapshotter snapshots = metadata.snapshotters().in("native", "a", Optional.empty());
        snapshots.prepare("base-active", "", Map.of());
        snapshots.commit("base", "base-active", Map.of());
        snapshots.prepare("c1-snapshot", "base", Map.of());
        snapshots.prepare("pinned", "", Map.of());
        snapshots.prepare("loose", "", Map.of());
        containers.create(container("c1", Map.of("containerd.io/gc.ref.snapshot.native", "pinned")));

        metadata.collector().collect();
        assertThat(names(snapshots)).containsExactlyInAnyOrder("base", "c1-snapshot", "pinned");
        assertFails(() -> metadata.namespaces().delete("a"), ErrorKind.FAILED_PRECONDITION,
                "namespace \"a\" must be empty, but it still has containers, snapshots on \"native\" snapshotter: "
                        + "failed precondition");

        containers.delete("c1");
        metadata.collector().collect();
        assertThat(names(snapshots)).isEmpty();
    }

    private static List<String> names(Snapshotter snapshots) throws IOException {
        List<String> names = new ArrayList<>();
        snapshots.walk(List.of(), info -> names.add(info.name()));
        return names;
    }
}
