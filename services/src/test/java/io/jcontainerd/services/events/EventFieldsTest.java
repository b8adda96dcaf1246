package io.jcontainerd.services.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import containerd.events.Container.ContainerCreate;
import containerd.events.Namespace.NamespaceCreate;
import containerd.events.Task.TaskCreate;
import containerd.events.Task.TaskExit;
import containerd.events.Task.TaskIO;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.core.filters.Adaptor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code event.*} fields as containerd's generated Field methods expose them. */
class EventFieldsTest {
    private static Adaptor fields(Message event) {
        return new EventFields().of(EventProtos.payload(event));
    }

    private static Optional<String> field(Message event, String... path) {
        return fields(event).field(List.of(path));
    }

    @Test
    void strings_are_present_when_not_empty_and_labels_join_the_rest_of_the_path() {
        NamespaceCreate create = NamespaceCreate.newBuilder().setName("n").putLabels("com.example/a", "1")
                .putLabels("empty", "").build();
        assertThat(field(create, "name")).contains("n");
        assertThat(field(NamespaceCreate.getDefaultInstance(), "name")).isEmpty();
        assertThat(field(create, "labels", "com", "example/a")).contains("1");
        assertThat(field(create, "labels", "empty")).contains("");
        assertThat(field(create, "labels", "missing")).isEmpty();
        assertThat(field(NamespaceCreate.getDefaultInstance(), "labels", "x")).isEmpty();
        assertThat(field(create, "nosuchfield")).isEmpty();
    }

    @Test
    void messages_are_descended_bools_always_present_numbers_timestamps_and_lists_not_fields() {
        TaskCreate task = TaskCreate.newBuilder().setContainerId("c1").setPid(42)
                .setIo(TaskIO.newBuilder().setStdin("/in")).build();
        assertThat(field(task, "io", "stdin")).contains("/in");
        assertThat(field(task, "io", "terminal")).contains("false");
        assertThat(field(task, "io")).isEmpty();
        assertThat(field(TaskCreate.getDefaultInstance(), "io", "terminal")).isEmpty();
        assertThat(field(task, "pid")).isEmpty();
        assertThat(field(task, "rootfs")).isEmpty();
        assertThat(field(TaskExit.newBuilder().setExitedAt(Timestamp.newBuilder().setSeconds(1)).build(), "exited_at"))
                .isEmpty();
    }

    @Test
    void an_any_is_decoded_and_descended_when_its_type_is_known() {
        ContainerCreate withEvent = ContainerCreate.newBuilder().setRuntime(ContainerCreate.Runtime.newBuilder()
                .setName("io.containerd.runc.v2")
                .setOptions(Any.newBuilder().setTypeUrl("containerd.events.NamespaceCreate")
                        .setValue(NamespaceCreate.newBuilder().setName("inner").build().toByteString())))
                .build();
        assertThat(field(withEvent, "runtime", "name")).contains("io.containerd.runc.v2");
        assertThat(field(withEvent, "runtime", "options", "name")).contains("inner");
        ContainerCreate withUnknown = ContainerCreate.newBuilder().setRuntime(ContainerCreate.Runtime.newBuilder()
                .setOptions(Any.newBuilder().setTypeUrl("containerd.runc.v1.Options"))).build();
        assertThat(field(withUnknown, "runtime", "options", "name")).isEmpty();
    }

    @Test
    void payloads_of_unknown_types_or_bad_bytes_have_no_fields() {
        assertThat(new EventFields().of(new TypedValue("example.Unknown", new byte[0])).field(List.of("name"))).isEmpty();
        assertThat(new EventFields().of(new TypedValue("containerd.events.NamespaceCreate", new byte[] {(byte) 0xff}))
                .field(List.of("name"))).isEmpty();
    }
}
