package io.jcontainerd.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.BackgroundProcess;
import io.jcontainerd.it.support.DaemonProcess;
import io.jcontainerd.it.support.Host;
import io.jcontainerd.it.support.JcontainerdHome;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks outlive the daemon: after a restart it reconnects to every shim (Debian's
 * containerd-shim-runc-v2), so the tasks are listed, exec-able and killable again and their exits
 * are reported; a shim killed with SIGKILL is cleaned up and its task reported exited.
 */
class TasksRestartIT {
    private static final String IMAGE = "example.com/restart/busybox:v1";
    private static final String NS = "tasks-restart";
    private static final int TASKS = 20;
    private static final List<String> IDS = IntStream.range(0, TASKS).mapToObj(i -> "t" + i).toList();

    @TempDir
    static Path dir;
    static Path archive;
    JcontainerdHome home;
    DaemonProcess daemon;

    @BeforeAll
    static void makeArchive() throws IOException {
        Host.assumeRoot();
        Host.assumeExecutable(JcontainerdHome.CTR);
        Path layout = dir.resolve("layout");
        TestImages.busyboxLayout(layout, "v1");
        archive = dir.resolve("busybox.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + archive + ":" + IMAGE);
    }

    /** Kills and deletes what a failed test left, so no shim or mount outlives it, then stops the daemon. */
    @AfterEach
    void cleanUp() {
        if (daemon != null) {
            for (String id : IDS) {
                ctr("tasks", "rm", "-f", id);
                ctr("containers", "rm", id);
            }
            daemon.close();
        }
        if (home != null) {
            home.close();
        }
    }

    @Test
    void tasksSurviveARestartAndADeadShimIsReportedExited() throws Exception {
        home = new JcontainerdHome();
        Path config = home.config("");
        daemon = home.start(config);
        ok(ctr("images", "import", archive.toString()));
        for (String id : IDS) {
            ok(ctr("run", "-d", IMAGE, id, "sleep", "1000"));
        }
        daemon.close();
        daemon = home.start(config);

        String tasks = ok(ctr("tasks", "ls")).stdout();
        for (String id : IDS) {
            assertThat(tasks).containsPattern("(?m)^" + id + "\\s+\\d+\\s+RUNNING$");
            assertThat(ok(ctr("tasks", "exec", "--exec-id", "x", id, "echo", "in " + id)).stdout())
                    .isEqualTo("in " + id + "\n");
        }

        try (BackgroundProcess events = BackgroundProcess.start(home.ctrCommand("-n", NS, "events"), Map.of())) {
            Thread.sleep(500); // subscribed
            ProcessHandle shim = shimOf("t0");
            shim.destroyForcibly();
            events.awaitStdout(out -> out.contains("/tasks/delete {\"container_id\":\"t0\""), Duration.ofSeconds(20));
            assertThat(events.stdout()).contains("/tasks/exit {\"container_id\":\"t0\",\"id\":\"t0\"")
                    .containsPattern("/tasks/exit \\{\"container_id\":\"t0\".*\"exit_status\":137");
            assertThat(ctr("tasks", "ls").stdout()).doesNotContainPattern("(?m)^t0\\s");

            for (String id : IDS.subList(1, TASKS)) {
                ok(ctr("tasks", "kill", "-s", "KILL", id));
            }
            events.awaitStdout(out -> IDS.subList(1, TASKS).stream()
                    .allMatch(id -> out.contains("/tasks/exit {\"container_id\":\"" + id + "\"")), Duration.ofSeconds(30));
        }
        for (String id : IDS.subList(1, TASKS)) {
            ProcessResult rm = ctr("tasks", "rm", id);
            assertThat(rm.exitCode()).as(rm.toString()).isZero();
            assertThat(rm.stderr()).contains("exit with non-zero exit code 137");
        }
        for (String id : IDS) {
            ok(ctr("containers", "rm", id));
        }
        assertThat(ctr("tasks", "ls").stdout()).isEqualTo("TASK    PID    STATUS    \n");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(home.dir().toString());
        try (var bundles = Files.list(home.dir().resolve("state/io.containerd.runtime.v2.task/" + NS))) {
            assertThat(bundles).isEmpty();
        }
    }

    /** The shim serving task {@code id} of this daemon, found by its command line. */
    private ProcessHandle shimOf(String id) {
        List<ProcessHandle> shims = ProcessHandle.allProcesses().filter(p -> {
            List<String> args = List.of(p.info().arguments().orElse(new String[0]));
            return p.info().command().orElse("").endsWith("containerd-shim-runc-v2")
                    && args.contains(home.socket().toString()) && args.indexOf("-id") >= 0
                    && args.indexOf("-id") + 1 < args.size() && args.get(args.indexOf("-id") + 1).equals(id);
        }).toList();
        assertThat(shims).as("the shim of " + id).hasSize(1);
        return shims.getFirst();
    }

    /** Debian's ctr in this test's namespace (runc keeps its state per namespace, shared by every daemon here). */
    private ProcessResult ctr(String... args) {
        List<String> command = new ArrayList<>(List.of("-n", NS));
        command.addAll(List.of(args));
        return home.ctr(command.toArray(String[]::new));
    }

    private static ProcessResult ok(ProcessResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
