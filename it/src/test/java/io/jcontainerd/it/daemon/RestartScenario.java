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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detached tasks started by Debian's ctr on our daemon, the daemon restarted: the tasks are listed
 * and exec-able again. Subclasses choose the runtime and what happens to its shims next; what a
 * failed test left is killed and deleted, so no shim or mount outlives it.
 */
abstract class RestartScenario {
    static final String IMAGE = "example.com/restart/busybox:v1";

    @TempDir
    static Path dir;
    static Path archive;
    JcontainerdHome home;
    DaemonProcess daemon;

    private final String namespace;
    final List<String> ids;
    private final List<String> runtimeFlags;
    private final String config;

    /**
     * @param namespace    runc keeps its state per namespace, shared by every daemon here
     * @param tasks        how many tasks to run, named {@code <idPrefix><n>}
     * @param runtimeFlags the {@code ctr run} flags that choose the runtime
     */
    RestartScenario(String namespace, String idPrefix, int tasks, List<String> runtimeFlags) {
        this(namespace, idPrefix, tasks, runtimeFlags, "");
    }

    /** @param config what the scenario adds to the daemon's config */
    RestartScenario(String namespace, String idPrefix, int tasks, List<String> runtimeFlags, String config) {
        this.namespace = namespace;
        this.ids = IntStream.range(0, tasks).mapToObj(i -> idPrefix + i).toList();
        this.runtimeFlags = runtimeFlags;
        this.config = config;
    }

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
            for (String id : ids) {
                ctr("tasks", "rm", "-f", id);
                ctr("containers", "rm", id);
            }
            daemon.close();
        }
        if (home != null) {
            home.close();
        }
    }

    /** {@return the config section that puts at most {@code size} runc-v2 tasks into one shim} */
    static String shimGroupSize(int size) {
        return "[plugins.\"io.containerd.runtime.v2.task\"]\n  shim_group_size = " + size + "\n";
    }

    /** Starts the daemon and runs every task detached; {@return the daemon's config} */
    Path runTasks() throws IOException {
        home = new JcontainerdHome();
        Path config = home.config(this.config);
        daemon = home.start(config);
        ok(ctr("images", "import", archive.toString()));
        for (String id : ids) {
            List<String> run = new ArrayList<>(List.of("run", "-d"));
            run.addAll(runtimeFlags);
            run.addAll(List.of(IMAGE, id, "sleep", "1000"));
            ok(ctr(run.toArray(String[]::new)));
        }
        return config;
    }

    /** Starts the daemon, runs every task detached, restarts the daemon and checks they are back. */
    void runTasksAndRestart() throws IOException {
        Path config = runTasks();
        daemon.close();
        daemon = home.start(config);

        String tasks = ok(ctr("tasks", "ls")).stdout();
        for (String id : ids) {
            assertThat(tasks).containsPattern("(?m)^" + id + "\\s+\\d+\\s+RUNNING$");
            assertThat(ok(ctr("tasks", "exec", "--exec-id", "x", id, "echo", "in " + id)).stdout())
                    .isEqualTo("in " + id + "\n");
        }
    }

    Path bundles() {
        return home.dir().resolve("state/io.containerd.runtime.v2.task/" + namespace);
    }

    /** Removes the (exited, deleted) tasks' containers; then no task, mount or bundle is left. */
    void removeContainersAndAssertNothingLeft() throws IOException {
        for (String id : ids) {
            ok(ctr("containers", "rm", id));
        }
        assertThat(ctr("tasks", "ls").stdout()).isEqualTo("TASK    PID    STATUS    \n");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(home.dir().toString());
        try (var left = Files.list(bundles())) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * The Go shim serving task {@code id} of this daemon: the parent of the task's init process,
     * which the shim reaps as the subreaper it is. Tasks that share a shim have the same one.
     */
    ProcessHandle shimOf(String id) {
        Matcher listed = Pattern.compile("(?m)^" + id + "\\s+(\\d+)\\s").matcher(ok(ctr("tasks", "ls")).stdout());
        assertThat(listed.find()).as("task " + id + " listed").isTrue();
        ProcessHandle shim = ProcessHandle.of(Long.parseLong(listed.group(1))).flatMap(ProcessHandle::parent).orElseThrow();
        assertThat(shims()).as("the shim of " + id).contains(shim);
        return shim;
    }

    /** {@return this daemon's Go shims, found by their command line} */
    List<ProcessHandle> shims() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("containerd-shim-runc-v2")
                && List.of(p.info().arguments().orElse(new String[0])).contains(home.socket().toString())).toList();
    }

    /** Waits (up to 10 s) until none of this daemon's shims is left: a shim exits with its last task. */
    void awaitNoShims() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!shims().isEmpty()) {
            assertThat(System.nanoTime()).as("a shim exits with its last task; left: " + shims()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Waits (up to 20 s) until task {@code id} is listed STOPPED. */
    void awaitStopped(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!ctr("tasks", "ls").stdout().matches("(?s).*(?m:^" + id + "\\s+\\d+\\s+STOPPED$).*")) {
            assertThat(System.nanoTime()).as(id + " stopped").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** {@code ctr events} of this test's namespace, running until closed. */
    BackgroundProcess ctrEvents() {
        return BackgroundProcess.start(home.ctrCommand("-n", namespace, "events"), Map.of());
    }

    /** Debian's ctr in this test's namespace. */
    ProcessResult ctr(String... args) {
        List<String> command = new ArrayList<>(List.of("-n", namespace));
        command.addAll(List.of(args));
        return home.ctr(command.toArray(String[]::new));
    }

    static ProcessResult ok(ProcessResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
