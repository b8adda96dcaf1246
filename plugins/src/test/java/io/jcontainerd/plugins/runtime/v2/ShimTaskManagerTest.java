package io.jcontainerd.plugins.runtime.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import containerd.task.v2.Shim.CreateTaskRequest;
import containerd.task.v2.Shim.CreateTaskResponse;
import containerd.task.v2.Shim.DeleteRequest;
import containerd.task.v2.Shim.DeleteResponse;
import containerd.task.v2.Shim.ShutdownRequest;
import io.jcontainerd.core.runtime.CreateOpts;
import io.jcontainerd.core.runtime.StdioPaths;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.ttrpc.TtrpcMethod;
import io.jcontainerd.ttrpc.TtrpcServer;
import io.jcontainerd.ttrpc.TtrpcService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime against a stand-in shim: a script whose {@code start} prints the address of a ttrpc
 * server in this process, which answers Create, Delete and Shutdown.
 */
class ShimTaskManagerTest {
    private static final String NS = "ns";
    @TempDir
    Path dir;
    private final BlockingQueue<String> shutdowns = new LinkedBlockingQueue<>();
    /** Held by a test to keep Shutdown from answering. */
    private volatile CountDownLatch shutdownGate = new CountDownLatch(0);
    /** Held by a test to keep Create from answering. */
    private volatile CountDownLatch createGate = new CountDownLatch(0);
    /** Held by a test to keep Delete from answering. */
    private volatile CountDownLatch deleteGate = new CountDownLatch(0);
    private TtrpcServer shim;
    private Path shimBinary;

    @BeforeEach
    void startShim() throws IOException {
        Path socket = serveShim();
        shimBinary = dir.resolve("containerd-shim-fake-v1");
        // start runs in the bundle: it notes whether the daemon had named its binary there already
        Files.writeString(shimBinary, "#!/bin/sh\ncat shim-binary-path > " + dir.resolve("binary-at-start")
                + " 2>/dev/null\necho unix://" + socket + "\n");
        Files.setPosixFilePermissions(shimBinary, PosixFilePermissions.fromString("rwx------"));
    }

    /** Starts the stand-in shim's server; {@return its socket} */
    private Path serveShim() throws IOException {
        Path socket = dir.resolve("shim.sock");
        shim = new TtrpcServer().register(TtrpcService.of(ShimConnection.SERVICE, Map.of(
                "Create", TtrpcMethod.of(CreateTaskRequest.parser(), (c, r) -> {
                    createGate.await();
                    return CreateTaskResponse.newBuilder().setPid(42).build();
                }),
                "Delete", TtrpcMethod.of(DeleteRequest.parser(), (c, r) -> {
                    deleteGate.await();
                    return DeleteResponse.newBuilder().setPid(42).setExitStatus(3).build();
                }),
                "Shutdown", TtrpcMethod.of(ShutdownRequest.parser(), (c, r) -> {
                    shutdownGate.await();
                    shutdowns.add(r.getId());
                    return Empty.getDefaultInstance();
                }))));
        shim.listen(socket);
        return socket;
    }

    @AfterEach
    void stopShim() throws IOException {
        shim.close();
    }

    private ShimTaskManager manager() {
        return manager("", new ShimGroups(16));
    }

    /** @param searchPath where runtime names are looked up as shim binaries */
    private ShimTaskManager manager(String searchPath, ShimGroups groups) {
        return new ShimTaskManager(dir.resolve("root"), dir.resolve("state"), searchPath, "/unused.sock", "/unused.ttrpc",
                (namespace, topic, event) -> { }, new LinuxSyscalls(), ShimTimeouts.DEFAULTS, groups);
    }

    private CreateOpts opts() {
        return new CreateOpts(null, List.of(), new StdioPaths("", "", "", false), "", shimBinary.toString(), null, null);
    }

    @Test
    void deleteRepliesBeforeTheShimIsToldToExitAndANewTaskOfTheIdWaitsForThatExit() throws Exception {
        ShimTaskManager runtime = manager();
        runtime.create(NS, "c1", opts());
        shutdownGate = new CountDownLatch(1);

        long start = System.nanoTime();
        assertThat(runtime.delete(NS, "c1").status()).isEqualTo(3);

        // the shim holds Shutdown: a Delete that waited for it would take the shutdown timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ShimTimeouts.DEFAULTS.shutdown());
        assertThat(dir.resolve("state/ns/c1")).doesNotExist();
        assertThat(dir.resolve("root/ns/c1")).doesNotExist();
        assertThat(shutdowns).isEmpty();
        // runc-v2 would hand a task of the same id (or group) to its old shim while that still listens
        Thread again = Thread.ofVirtual().start(() -> runtime.create(NS, "c1", opts()));
        Thread sibling = Thread.ofVirtual().start(() -> runtime.create(NS, "c2", opts()));
        Thread elsewhere = Thread.ofVirtual().start(() -> runtime.create("other", "c1", opts()));
        assertThat(elsewhere.join(Duration.ofSeconds(5))).as("another namespace need not wait").isTrue();
        assertThat(again.join(Duration.ofMillis(300))).as("create waits for the old shim's Shutdown").isFalse();
        assertThat(sibling.isAlive()).as("so does one of the same namespace").isTrue();

        shutdownGate.countDown();
        assertThat(again.join(Duration.ofSeconds(5))).isTrue();
        assertThat(sibling.join(Duration.ofSeconds(5))).isTrue();
        assertThat(shutdowns).containsExactly("c1");
        assertThat(runtime.get(NS, "c1")).isPresent();
        runtime.close();
        assertThat(dir.resolve("state/.retired")).isEmptyDirectory();
        assertThat(dir.resolve("root/.retired")).isEmptyDirectory();
        assertThat(dir.resolve("root/ns/c1")).as("the new task's work directory").isDirectory();
        for (String id : List.of("c1", "c2")) {
            runtime.delete(NS, id);
        }
        runtime.delete("other", "c1");
        runtime.close();
    }

    /** A shim with no containers exits at Shutdown: it must not be told so while it has a new one on the way. */
    @Test
    void aShutdownWaitsForTheCreatesUnderWay() throws Exception {
        ShimTaskManager runtime = manager();
        runtime.create(NS, "c1", opts());
        createGate = new CountDownLatch(1);
        Thread creating = Thread.ofVirtual().start(() -> runtime.create(NS, "c2", opts()));
        while (!Files.exists(dir.resolve("state/ns/c2/shim-binary-path"))) {
            Thread.sleep(5);
        }
        Thread.sleep(100); // c2's shim has started; its Create waits

        runtime.delete(NS, "c1");
        Thread.sleep(300);
        assertThat(shutdowns).as("no Shutdown while c2's Create is under way").isEmpty();

        createGate.countDown();
        assertThat(creating.join(Duration.ofSeconds(5))).isTrue();
        assertThat(shutdowns.poll(5, TimeUnit.SECONDS)).isEqualTo("c1");
        assertThat(runtime.get(NS, "c2")).isPresent();
        runtime.delete(NS, "c2");
        runtime.close();
    }

    /**
     * Once a shim drops a deleted container it may exit at another task's Shutdown, while this
     * task still looks served: so creates wait from the moment a delete begins.
     */
    @Test
    void aCreateWaitsForADeleteUnderWay() throws Exception {
        ShimTaskManager runtime = manager();
        runtime.create(NS, "c1", opts());
        deleteGate = new CountDownLatch(1);
        Thread deleting = Thread.ofVirtual().start(() -> runtime.delete(NS, "c1"));
        Thread.sleep(100);
        Thread creating = Thread.ofVirtual().start(() -> runtime.create(NS, "c2", opts()));
        assertThat(creating.join(Duration.ofMillis(300))).as("the create waits").isFalse();
        assertThat(dir.resolve("state/ns/c2")).as("not even its bundle is made").doesNotExist();

        deleteGate.countDown();
        assertThat(deleting.join(Duration.ofSeconds(5))).isTrue();
        assertThat(creating.join(Duration.ofSeconds(5))).isTrue();
        assertThat(shutdowns).containsExactly("c1");
        runtime.delete(NS, "c2");
        runtime.close();
    }

    /** runc-v2's start that joins its group's shim exits without reading the options on its stdin. */
    @Test
    void aShimStartThatLeavesItsOptionsUnreadIsFine() throws Exception {
        ShimTaskManager runtime = manager();
        // more than a pipe holds, so the write meets the closed pipe whenever the script exits first
        TypedValue options = new TypedValue("containerd.runc.v1.Options", new byte[1 << 20]);
        runtime.create(NS, "c1", new CreateOpts(null, List.of(), new StdioPaths("", "", "", false), "",
                shimBinary.toString(), options, null));
        assertThat(runtime.get(NS, "c1")).isPresent();
        runtime.delete(NS, "c1");
        runtime.close();
    }

    /**
     * runc-v2 cannot remove its socket at Shutdown once its group's first bundle is gone, so a
     * group's last Shutdown waits until the shim hangs up: a start must not find it exiting.
     */
    @Test
    void aGroupsLastShutdownHoldsCreatesUntilTheShimHangsUp() throws Exception {
        Path runcShim = Files.copy(shimBinary, dir.resolve("containerd-shim-runc-v2"));
        Files.setPosixFilePermissions(runcShim, PosixFilePermissions.fromString("rwx------"));
        ShimTaskManager runtime = manager(dir.toString(), new ShimGroups(2));
        CreateOpts grouped = new CreateOpts(new TypedValue("types.containerd.io/opencontainers/runtime-spec/1/Spec",
                "{}".getBytes(StandardCharsets.UTF_8)), List.of(), new StdioPaths("", "", "", false), "",
                "io.containerd.runc.v2", null, null);
        runtime.create(NS, "c1", grouped);
        assertThat(dir.resolve("state/ns/c1/config.json")).content().contains("\"io.containerd.runc.v2.group\":\"jcontainerd:0\"");

        runtime.delete(NS, "c1");
        assertThat(shutdowns.poll(5, TimeUnit.SECONDS)).isEqualTo("c1");
        Thread creating = Thread.ofVirtual().start(() -> runtime.create(NS, "c2", grouped));
        assertThat(creating.join(Duration.ofMillis(300))).as("the create waits for the shim to hang up").isFalse();
        assertThat(dir.resolve("state/ns/c2")).doesNotExist();

        shim.close(); // the shim exits, and a new one serves where start finds it
        serveShim();
        assertThat(creating.join(Duration.ofSeconds(5))).isTrue();
        assertThat(runtime.get(NS, "c2")).isPresent();
        runtime.delete(NS, "c2");
        assertThat(shutdowns.poll(5, TimeUnit.SECONDS)).isEqualTo("c2");
        shim.close();
        runtime.close();
    }

    /** A daemon that dies while a shim starts must find, on restart, the binary to clean that shim up with. */
    @Test
    void theShimBinaryIsRecordedInTheBundleBeforeTheShimStarts() throws Exception {
        ShimTaskManager runtime = manager();
        runtime.create(NS, "c1", opts());
        assertThat(dir.resolve("binary-at-start")).hasContent(shimBinary.toString());
        runtime.delete(NS, "c1");
        runtime.close();
    }

    @Test
    void closeWaitsForTheShimsOfDeletedTasksToHearShutdown() throws Exception {
        ShimTaskManager runtime = manager();
        runtime.create(NS, "c1", opts());
        shutdownGate = new CountDownLatch(1);
        runtime.delete(NS, "c1");
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shutdownGate.countDown();
        });

        runtime.close();

        assertThat(shutdowns).containsExactly("c1");
        assertThat(dir.resolve("state/.retired")).isEmptyDirectory();
    }

    @Test
    void aRetiredBundleAPreviousDaemonLeftHasItsShimShutDownAndIsRemovedOnLoad() throws Exception {
        Path retired = Files.createDirectories(dir.resolve("state/.retired/17a.c.1/rootfs"));
        Files.writeString(retired.resolveSibling("address"), "unix://" + dir.resolve("shim.sock"));
        Files.createDirectories(dir.resolve("root/.retired/17a.c.1"));
        Files.createDirectories(dir.resolve("root/.retired/17b.orphan/sub"));
        Files.createDirectories(dir.resolve("state/ns"));

        ShimTaskManager runtime = manager();
        runtime.loadExisting();

        assertThat(shutdowns).containsExactly("c.1");
        assertThat(dir.resolve("state/.retired")).isEmptyDirectory();
        assertThat(dir.resolve("root/.retired")).isEmptyDirectory();
        assertThat(runtime.tasks(NS)).isEmpty();
        assertThat(runtime.tasks(".retired")).isEmpty();
    }
}
