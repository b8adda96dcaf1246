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
 * Tasks under our shim ({@code io.containerd.jrunc.v2}, one shim process for the namespace)
 * outlive a restart of our daemon: listed and exec-able again. Killing that one shim with SIGKILL
 * ends every task it served: each is reported exited with 137, and no mount or bundle is left.
 */
class JruncRestartIT {
    private static final String IMAGE = "example.com/jrunc-restart/busybox:v1";
    private static final String NS = "jrunc-restart";
    private static final int TASKS = 5;
    private static final List<String> IDS = IntStream.range(0, TASKS).mapToObj(i -> "j" + i).toList();

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
    void tasksSurviveARestartAndKillingTheirShimReportsThemAllExited() throws Exception {
        home = new JcontainerdHome();
        Path config = home.config("");
        daemon = home.start(config);
        ok(ctr("images", "import", archive.toString()));
        for (String id : IDS) {
            ok(ctr("run", "-d", "--runtime", "io.containerd.jrunc.v2", IMAGE, id, "sleep", "1000"));
        }
        daemon.close();
        daemon = home.start(config);

        String tasks = ok(ctr("tasks", "ls")).stdout();
        for (String id : IDS) {
            assertThat(tasks).containsPattern("(?m)^" + id + "\\s+\\d+\\s+RUNNING$");
            assertThat(ok(ctr("tasks", "exec", "--exec-id", "x", id, "echo", "in " + id)).stdout())
                    .isEqualTo("in " + id + "\n");
        }

        Path bundles = home.dir().resolve("state/io.containerd.runtime.v2.task/" + NS);
        String address = Files.readString(bundles.resolve(IDS.getFirst()).resolve("address"));
        long shimPid = Long.parseLong(Files.readString(Path.of(address.substring("unix://".length()) + ".pid")).strip());
        try (BackgroundProcess events = BackgroundProcess.start(home.ctrCommand("-n", NS, "events"), Map.of())) {
            Thread.sleep(500); // subscribed
            ProcessHandle.of(shimPid).orElseThrow().destroyForcibly();
            events.awaitStdout(out -> IDS.stream()
                    .allMatch(id -> out.contains("/tasks/delete {\"container_id\":\"" + id + "\"")), Duration.ofSeconds(30));
            for (String id : IDS) {
                assertThat(events.stdout()).containsPattern("/tasks/exit \\{\"container_id\":\"" + id + "\".*\"exit_status\":137");
            }
        }
        assertThat(ok(ctr("tasks", "ls")).stdout()).isEqualTo("TASK    PID    STATUS    \n");
        for (String id : IDS) {
            ok(ctr("containers", "rm", id));
        }
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(home.dir().toString());
        try (var left = Files.list(bundles)) {
            assertThat(left).isEmpty();
        }
    }

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
