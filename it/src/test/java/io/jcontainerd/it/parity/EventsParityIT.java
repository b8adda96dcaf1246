package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import containerd.events.Container.ContainerCreate;
import containerd.events.Content.ContentDelete;
import containerd.events.Namespace.NamespaceCreate;
import containerd.events.Snapshot.SnapshotCommit;
import containerd.events.Task.TaskCreate;
import containerd.events.Task.TaskDelete;
import containerd.events.Task.TaskExit;
import containerd.events.Task.TaskIO;
import containerd.events.Task.TaskOOM;
import containerd.services.events.ttrpc.v1.EventsOuterClass.Envelope;
import containerd.services.events.ttrpc.v1.EventsOuterClass.ForwardRequest;
import containerd.services.images.v1.Image.ImageCreate;
import containerd.types.MountOuterClass.Mount;
import io.jcontainerd.it.parity.CtrParity.Background;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import io.jcontainerd.ttrpc.TtrpcClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctr events} left running on both sides while the same things happen on both: namespace
 * changes made with ctr, and envelopes forwarded over {@code <socket>.ttrpc} the way shims do.
 * Subscribing takes a moment, so each test first relabels a probe namespace until both sides print
 * it, and ends with a last probe event; probe lines are left out of the comparison. Each test uses
 * its own names.
 */
class EventsParityIT extends DaemonParityBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FORWARD = "containerd.services.events.ttrpc.v1.Events";

    @Test
    void namespace_changes_print_alike() throws Exception {
        String probe = "probe-ns";
        try (Background events = parity.inBackground("events")) {
            awaitSubscribed(events, probe);
            parity.assertSame("ns", "create", "ev-a", "a=1", "h=<&>", "ctl=a\bb\fc\u0001\u007f\u2028é", "flag");
            // one label per command: ctr sends one update per label in Go's random map order
            parity.assertSame("ns", "label", "ev-a", "a=2");
            parity.assertSame("ns", "label", "ev-a", "b=");
            parity.assertSame("-n", "other", "ns", "label", "ev-a", "z=1");
            parity.assertSame("ns", "rm", "ev-a");
            // the namespace is created, then publishing its event fails
            parity.assertSame("--namespace", "", "ns", "create", "ev-b");
            parity.assertSame("ns", "rm", "ev-b");
            ProcessResult printed = stop(events, probe, this::withoutTimestamps);
            assertThat(printed.stdout()).isEqualTo("""
                    <time> default /namespaces/create {"name":"ev-a","labels":{"a":"1","ctl":"a\\u0008b\\u000cc\\u0001\u007f\\u2028é","flag":"true","h":"\\u003c\\u0026\\u003e"}}
                    <time> default /namespaces/update {"name":"ev-a","labels":{"a":"2"}}
                    <time> default /namespaces/update {"name":"ev-a","labels":{"b":""}}
                    <time> other /namespaces/update {"name":"ev-a","labels":{"z":"1"}}
                    <time> ev-a /namespaces/delete {"name":"ev-a"}
                    <time> ev-b /namespaces/delete {"name":"ev-b"}
                    """);
        } finally {
            parity.ctrOnBoth("ns", "rm", probe);
        }
    }

    @Test
    void container_changes_print_alike(@TempDir Path dir) throws Exception {
        assumeFalse(pairing().jctr, "jctr has no containers commands yet");
        String probe = "probe-containers";
        String ns = "ev-containers";
        String image = "example.com/events/box:v1";
        TestImages.ociLayout(dir.resolve("layout"), "v1", List.of(Map.of("etc/hostname", "box\n")));
        Path archive = dir.resolve("box.tar");
        TestImages.skopeoCopy(dir.resolve("layout"), "v1", "oci-archive:" + archive + ":" + image);
        parity.ctrOnBoth("-n", ns, "images", "import", archive.toString());
        try (Background events = parity.inBackground("events", "topic~=^/containers/", "topic==\"/namespaces/update\"")) {
            awaitSubscribed(events, probe);
            parity.assertSame("-n", ns, "containers", "create", image, "box");
            parity.ctrOnBoth("-n", ns, "containers", "label", "box", "tier=front"); // prints labels in random order
            parity.assertSame("-n", ns, "containers", "rm", "box");
            ProcessResult printed = stop(events, probe, this::withoutTimestamps);
            assertThat(printed.stdout().lines().map(line -> line.split(" ")[2])).containsExactly(
                    "/containers/create", "/containers/update", "/containers/delete");
            assertThat(printed.stdout()).contains("/containers/create {\"id\":\"box\",\"image\":\"" + image
                    + "\",\"runtime\":{\"name\":\"io.containerd.runc.v2\"");
        } finally {
            parity.ctrOnBoth("ns", "rm", probe);
            parity.ctrOnBoth("-n", ns, "images", "rm", "--sync", image);
        }
    }

    @Test
    void forwarded_events_of_every_kind_print_alike() throws Exception {
        String probe = "probe-fwd";
        try (Background events = parity.inBackground("events")) {
            awaitSubscribed(events, probe);
            List<Envelope> sent = everyKind();
            for (Envelope envelope : sent) {
                forwardOnBoth(envelope);
            }
            ProcessResult printed = stop(events, probe, UnaryOperator.identity());
            assertThat(printed.stdout()).contains(
                    "2023-11-14 22:13:20.1 +0000 UTC k8s.io /tasks/exit {\"container_id\":\"c1\",\"id\":\"c1\","
                            + "\"pid\":4294967295,\"exit_status\":137,\"exited_at\":\"2023-11-14T22:13:20.000000001Z\"}\n");
            // the unknown type and the URL with a prefix (typeurl looks names up exactly) are skipped with a warning
            assertThat(printed.stdout().lines()).hasSize(sent.size() - 2);
            assertThat(printed.stderr()).contains("level=warning msg=\"cannot unmarshal an event from Any\" "
                    + "error=\"type with url example.Unknown: not found\"");
        } finally {
            parity.ctrOnBoth("ns", "rm", probe);
        }
    }

    @Test
    void filters_choose_what_is_printed() throws Exception {
        String probe = "probe-filter";
        try (Background events = parity.inBackground("events", "namespace==k8s.io,topic~=^/tasks/",
                "event.id==c2", "topic==\"/namespaces/update\"")) {
            awaitSubscribed(events, probe);
            for (Envelope envelope : everyKind()) {
                forwardOnBoth(envelope);
            }
            ProcessResult printed = stop(events, probe, UnaryOperator.identity());
            assertThat(printed.stdout().lines().map(line -> line.split(" ")[5]))
                    .containsExactly("/tasks/create", "/tasks/exit", "/tasks/delete", "/containers/create");
        } finally {
            parity.ctrOnBoth("ns", "rm", probe);
        }
    }

    // (--timeout is not compared: whether the client's deadline or containerd's ends the stream first,
    // and so which error ctr prints, is a race)
    @Test
    void bad_filters_fail_alike() {
        assertThat(parity.assertSame("events", "topic==").stderr())
                .startsWith("ctr: rpc error: code = Unknown desc = subscription error: failed parsing subscription filters:");
        parity.assertSame("event", "topic==/namespaces/create");
    }

    @Test
    void invalid_forwards_fail_alike() throws Exception {
        Timestamp t = Timestamp.newBuilder().setSeconds(1_700_000_000).build();
        Any event = any(TaskOOM.newBuilder().setContainerId("c").build());
        List<Envelope> invalid = List.of(
                Envelope.newBuilder().setTimestamp(t).setTopic("/t").setEvent(event).build(),
                Envelope.newBuilder().setTimestamp(t).setNamespace("Bad_").setTopic("/t").setEvent(event).build(),
                Envelope.newBuilder().setTimestamp(t).setNamespace("ns").setTopic("t").setEvent(event).build(),
                Envelope.newBuilder().setTimestamp(t).setNamespace("ns").setTopic("/a//b").setEvent(event).build(),
                Envelope.newBuilder().setNamespace("ns").setTopic("/t").setEvent(event).build());
        for (Envelope envelope : invalid) {
            List<String> errors = new ArrayList<>();
            for (Path socket : parity.daemonSockets()) {
                try (TtrpcClient client = TtrpcClient.connect(ttrpcSocket(socket))) {
                    errors.add(String.valueOf(catchThrowable(() -> forward(client, envelope)).getMessage()));
                }
            }
            assertThat(errors.get(1)).as("%s", envelope).isEqualTo(errors.get(0)).startsWith("rpc error: code = InvalidArgument");
        }
    }

    /** Relabels {@code probe} (creating it) until both sides print its event. */
    private void awaitSubscribed(Background events, String probe) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            parity.ctrOnBoth("ns", "label", probe, "attempt=" + attempt);
            try {
                events.awaitStdout(out -> out.contains(probeName(probe)), Duration.ofMillis(500));
                return;
            } catch (AssertionError notYet) {
                if (attempt > 40) {
                    throw notYet;
                }
            }
        }
    }

    /** Sends a last probe event, waits for it on both sides, stops both and compares what they printed. */
    private ProcessResult stop(Background events, String probe, UnaryOperator<String> normalizer) throws InterruptedException {
        parity.ctrOnBoth("ns", "label", probe, "done=1");
        events.awaitStdout(out -> out.contains("\"done\":\"1\""), WAIT);
        // the probe namespace's events are not part of the comparison
        return events.stopAndAssertSame(text -> normalizer.apply(text.lines()
                .filter(line -> !line.contains(probeName(probe)))
                .map(line -> line + "\n")
                .collect(Collectors.joining())));
    }

    private static String probeName(String probe) {
        return "{\"name\":\"" + probe + "\"";
    }

    private String withoutTimestamps(String text) {
        return text.replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC ", "<time> ");
    }

    private void forwardOnBoth(Envelope envelope) throws Exception {
        for (Path socket : parity.daemonSockets()) {
            try (TtrpcClient client = TtrpcClient.connect(ttrpcSocket(socket))) {
                forward(client, envelope);
            }
        }
    }

    private static void forward(TtrpcClient client, Envelope envelope) throws Exception {
        client.call(FORWARD, "Forward", ForwardRequest.newBuilder().setEnvelope(envelope).build(), Empty.parser());
    }

    private static Path ttrpcSocket(Path grpcSocket) {
        return Path.of(grpcSocket + ".ttrpc");
    }

    private static Any any(Message event) {
        return Any.newBuilder().setTypeUrl(event.getDescriptorForType().getFullName()).setValue(event.toByteString()).build();
    }

    private static Envelope envelope(String namespace, String topic, Any event) {
        return Envelope.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(100_000_000))
                .setNamespace(namespace).setTopic(topic).setEvent(event).build();
    }

    /** One envelope per kind of event and field, in namespaces and topics the filter test picks from. */
    private static List<Envelope> everyKind() {
        Timestamp exited = Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(1).build();
        return List.of(
                envelope("k8s.io", "/tasks/create", any(TaskCreate.newBuilder().setContainerId("c1").setBundle("/b")
                        .addRootfs(Mount.newBuilder().setType("overlay").setSource("overlay").addOptions("ro").addOptions("x=<1>"))
                        .setIo(TaskIO.newBuilder().setStdin("/in").setTerminal(true)).setPid(42).build())),
                envelope("k8s.io", "/tasks/exit", any(TaskExit.newBuilder().setContainerId("c1").setId("c1").setPid(-1)
                        .setExitStatus(137).setExitedAt(exited).build())),
                envelope("k8s.io", "/tasks/delete", any(TaskDelete.newBuilder().setContainerId("c1").build())),
                envelope("default", "/containers/create", any(ContainerCreate.newBuilder().setId("c2").setImage("img")
                        .setRuntime(ContainerCreate.Runtime.newBuilder().setName("io.containerd.runc.v2")
                                .setOptions(Any.newBuilder().setTypeUrl("containerd.runc.v1.Options")
                                        .setValue(ByteString.copyFrom(new byte[] {8, 1, (byte) 0xff}))))
                        .build())),
                envelope("default", "/tasks/oom", any(TaskOOM.newBuilder().setContainerId("c3").build())),
                envelope("default", "/content/delete", any(ContentDelete.newBuilder().setDigest("sha256:abc").build())),
                envelope("default", "/content/delete", any(ContentDelete.getDefaultInstance())),
                envelope("default", "/images/create", any(ImageCreate.newBuilder().setName("docker.io/library/x:1")
                        .putLabels("z", "1").putLabels("a", "\"q\"").build())),
                envelope("default", "/snapshot/commit", any(SnapshotCommit.newBuilder().setKey("k").setName("n").build())),
                envelope("default", "/namespaces/create", any(NamespaceCreate.getDefaultInstance())),
                envelope("default", "/unknown/type", Any.newBuilder().setTypeUrl("example.Unknown").build()),
                envelope("default", "/tasks/oom", Any.newBuilder().setTypeUrl("types.googleapis.com/containerd.events.TaskOOM")
                        .setValue(TaskOOM.newBuilder().setContainerId("c4").build().toByteString()).build()));
    }
}
