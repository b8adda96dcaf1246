package io.jcontainerd.ctr.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import containerd.events.Container.ContainerCreate;
import containerd.events.Content.ContentDelete;
import containerd.events.Namespace.NamespaceCreate;
import containerd.events.Namespace.NamespaceDelete;
import containerd.events.Task.TaskCreate;
import containerd.events.Task.TaskExit;
import containerd.events.Task.TaskIO;
import containerd.types.MountOuterClass.Mount;
import org.junit.jupiter.api.Test;

/** Expectations are what Go's json.Marshal writes for containerd's gogo structs (namespace events checked against ctr). */
class GoJsonTest {
    @Test
    void namespaceEventsAsCtrPrintsThem() {
        assertThat(GoJson.marshal(NamespaceCreate.newBuilder().setName("foo").putLabels("h", "<&>").putLabels("a", "1")
                .putLabels("ctl", "a\bb\fc\u0001\u007f\u2028é").putLabels("flag", "true").build()))
                .isEqualTo("{\"name\":\"foo\",\"labels\":{\"a\":\"1\",\"ctl\":\"a\\u0008b\\u000cc\\u0001\u007f\\u2028é\","
                        + "\"flag\":\"true\",\"h\":\"\\u003c\\u0026\\u003e\"}}");
        assertThat(GoJson.marshal(NamespaceCreate.newBuilder().setName("b").putLabels("b", "").build()))
                .isEqualTo("{\"name\":\"b\",\"labels\":{\"b\":\"\"}}");
        assertThat(GoJson.marshal(NamespaceDelete.newBuilder().setName("x").build())).isEqualTo("{\"name\":\"x\"}");
        assertThat(GoJson.marshal(NamespaceDelete.getDefaultInstance())).isEqualTo("{}");
    }

    @Test
    void quotesBackslashesAndLineBreaksUseShortEscapes() {
        assertThat(GoJson.marshal(NamespaceDelete.newBuilder().setName("q\"b\\n\nr\rt\t").build()))
                .isEqualTo("{\"name\":\"q\\\"b\\\\n\\nr\\rt\\t\"}");
    }

    @Test
    void mapKeysSortByUtf8BytesNotUtf16() {
        // U+FF5E sorts before U+1F600 in UTF-8 (and code points) but after it in UTF-16
        assertThat(GoJson.marshal(NamespaceCreate.newBuilder().putLabels("\uD83D\uDE00", "2").putLabels("\uFF5E", "1").build()))
                .isEqualTo("{\"labels\":{\"\uFF5E\":\"1\",\"\uD83D\uDE00\":\"2\"}}");
    }

    @Test
    void nonNullableStdtimeIsAlwaysWrittenAndUnsignedNumbersAreUnsigned() {
        assertThat(GoJson.marshal(TaskExit.newBuilder().setContainerId("c").setId("c").setPid(-1).setExitStatus(137)
                .setExitedAt(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(120_000_000)).build()))
                .isEqualTo("{\"container_id\":\"c\",\"id\":\"c\",\"pid\":4294967295,\"exit_status\":137,"
                        + "\"exited_at\":\"2023-11-14T22:13:20.12Z\"}");
        assertThat(GoJson.marshal(TaskExit.getDefaultInstance())).isEqualTo("{\"exited_at\":\"0001-01-01T00:00:00Z\"}");
    }

    @Test
    void nestedMessagesListsAndBools() {
        assertThat(GoJson.marshal(TaskCreate.newBuilder().setContainerId("c")
                .addRootfs(Mount.newBuilder().setType("overlay").setSource("overlay").addOptions("ro"))
                .setIo(TaskIO.newBuilder().setStdin("/in").setTerminal(true)).setPid(7).build()))
                .isEqualTo("{\"container_id\":\"c\",\"rootfs\":[{\"type\":\"overlay\",\"source\":\"overlay\","
                        + "\"options\":[\"ro\"]}],\"io\":{\"stdin\":\"/in\",\"terminal\":true},\"pid\":7}");
        assertThat(GoJson.marshal(TaskCreate.newBuilder().setIo(TaskIO.getDefaultInstance()).build()))
                .isEqualTo("{\"io\":{}}");
    }

    @Test
    void anyIsAnObjectWithBase64Value() {
        assertThat(GoJson.marshal(ContainerCreate.newBuilder().setId("c").setRuntime(ContainerCreate.Runtime.newBuilder()
                .setName("io.containerd.runc.v2").setOptions(Any.newBuilder().setTypeUrl("x.Y")
                        .setValue(ByteString.copyFrom(new byte[] {1, 2, (byte) 0xff})))).build()))
                .isEqualTo("{\"id\":\"c\",\"runtime\":{\"name\":\"io.containerd.runc.v2\","
                        + "\"options\":{\"type_url\":\"x.Y\",\"value\":\"AQL/\"}}}");
    }

    @Test
    void nonNullableScalarsAreWrittenEvenWhenEmpty() {
        assertThat(GoJson.marshal(ContentDelete.getDefaultInstance())).isEqualTo("{\"digest\":\"\"}");
    }
}
