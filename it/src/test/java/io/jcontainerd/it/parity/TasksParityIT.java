package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.BackgroundProcess;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TmuxSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Tasks driven by Debian's ctr on containerd and by the client {@link #pairing} tests on its daemon,
 * each running the container under Debian's {@code containerd-shim-runc-v2} and runc:
 * {@code run --rm} output and exit codes, the detached lifecycle (start, ls, exec, pause, resume,
 * ps, metrics, kill, rm), the events a run publishes, containerd's errors, a terminal session
 * driven through tmux and SIGTERM forwarded to the task. PIDs and metric values differ between
 * the runs and are masked.
 */
class TasksParityIT extends TaskParityBase {
    private static final String NS = "tp";
    private static final List<String> IDS = List.of("hi", "three", "nocmd", "noshim", "life", "sig", "tty", "mnt", "priv",
            "cpus", "own", "ttyx", "shimlog", "users");

    TasksParityIT() {
        super(NS, IDS);
    }

    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }

    private ProcessResult ctr(String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "-n";
        command[1] = NS;
        System.arraycopy(args, 0, command, 2, args.length);
        return parity.assertSame(TaskParityBase::withoutPids, command);
    }

    @Test
    void runRemovePrintsTheOutputAndPropagatesTheExitCode() {
        ProcessResult hi = ctr("run", "--rm", IMAGE, "hi", "echo", "hi");
        assertThat(hi.exitCode()).as(hi.toString()).isZero();
        assertThat(hi.stdout()).isEqualTo("hi\n");
        assertThat(ctr("run", "--rm", IMAGE, "three", "sh", "-c", "exit 3").exitCode()).isEqualTo(3);
        ctr("containers", "ls");
        ctr("tasks", "ls");
    }

    /**
     * The shim's own log (the {@code log} FIFO in its bundle) reaches the daemon's log, as
     * containerd copies it: Debian's runc shim logs "starting signal loop" as it starts.
     */
    @Test
    void theShimsLogLinesReachTheDaemonsLog() throws InterruptedException {
        assertThat(ctr("run", "--rm", IMAGE, "shimlog", "true").exitCode()).isZero();
        Pattern line = Pattern.compile(
                "level=info msg=\"starting signal loop\" namespace=" + NS + " path=\\S*/" + NS + "/shimlog ");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> logs = parity.daemonLogs();
        while (!logs.stream().allMatch(log -> line.matcher(log).find()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            logs = parity.daemonLogs();
        }
        assertThat(logs).allSatisfy(log -> assertThat(log).containsPattern(line));
    }

    /**
     * run's spec flags reach the container: a read-only bind mount, privileged (the caller's
     * capabilities), seccomp filtering, {@code --cpus} and {@code --cgroup} (read back through a bind of the host's
     * cgroup tree), and a root filesystem no snapshotter manages.
     */
    @Test
    void runFlagsReachTheContainer() throws IOException {
        Path share = Files.createDirectories(dir.resolve("share"));
        Files.writeString(share.resolve("f"), "shared\n");
        String bind = "type=bind,src=" + share + ",dst=/share,options=rbind:ro";
        assertThat(ctr("run", "--rm", "--mount", bind, IMAGE, "mnt", "cat", "/share/f").stdout()).isEqualTo("shared\n");
        ProcessResult readOnly = ctr("run", "--rm", "--mount", bind, IMAGE, "mnt", "sh", "-c", "echo x > /share/g");
        assertThat(readOnly.exitCode()).isNotZero();
        assertThat(share.resolve("g")).doesNotExist();

        String ownCaps = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("CapEff:")).findFirst().orElseThrow().substring("CapEff:".length()).trim();
        assertThat(ctr("run", "--rm", "--privileged", IMAGE, "priv", "sh", "-c", "grep CapEff /proc/self/status").stdout())
                .matches("CapEff:\\s+" + ownCaps + "\n");

        assertThat(ctr("run", "--rm", "--seccomp", IMAGE, "priv", "sh", "-c", "grep Seccomp: /proc/self/status").stdout())
                .matches("Seccomp:\\s+2\n");

        ProcessResult cpus = ctr("run", "--rm", "--cpus", "0.5", "--cpu-shares", "512", "--cgroup", "/" + NS + "/cpus",
                "--mount", "type=bind,src=/sys/fs/cgroup,dst=/cg,options=rbind:ro", IMAGE, "cpus",
                "cat", "/cg/cpu/" + NS + "/cpus/cpu.cfs_quota_us", "/cg/cpu/" + NS + "/cpus/cpu.shares");
        assertThat(cpus.stdout()).isEqualTo("50000\n512\n");

        Path rootfs = Files.createDirectories(dir.resolve("own-rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
        Files.createSymbolicLink(rootfs.resolve("echo"), Path.of("busybox"));
        ProcessResult own = ctr("run", "--rm", "--rootfs", rootfs.getParent().toString(), "own", "/bin/echo", "from-rootfs");
        assertThat(own.stdout()).isEqualTo("from-rootfs\n");
        ctr("containers", "ls");
    }

    @Test
    void failuresReadAsContainerdsAndLeaveNothingBehind() throws IOException {
        ProcessResult noCommand = ctr("run", "--rm", IMAGE, "nocmd", "/no/such/program");
        assertThat(noCommand.stderr()).contains("failed to create shim task: OCI runtime create failed");
        ProcessResult noShim = ctr("run", "--rm", "--runtime", "io.containerd.nosuch.v1", IMAGE, "noshim", "true");
        assertThat(noShim.stderr()).contains("binary not installed \"containerd-shim-nosuch-v1\"");
        ProcessResult noRunc = ctr("run", "--rm", "--runc-binary", "/no/such/runc", IMAGE, "norunc", "true");
        assertThat(noRunc.stderr()).contains("OCI runtime create failed").contains("/no/such/runc");
        ctr("containers", "ls");
        ctr("snapshots", "ls");
        Path state = parity.daemonSockets().get(1).getParent().resolve("state");
        assertThat(state.resolve("io.containerd.runtime.v2.task/" + NS)).isEmptyDirectory();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(state.toString());
        ctr("tasks", "start", "-d", "absent");
        ctr("tasks", "kill", "absent");
    }

    /**
     * The whole lifecycle on containerd first, then on ours: both daemons' shims share runc's root
     * ({@code /run/containerd/runc/<ns>}) and ctr's cgroup path ({@code /<ns>/<id>}), so the same
     * container must not run on both at once.
     */
    @Test
    void detachedLifecycle() throws InterruptedException {
        List<Step> expected = lifecycle(parity::ctr);
        List<Step> actual = lifecycle(parity::tested);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).extracting(Step::command).contains("tasks exec --exec-id e1 life sh -c echo from exec; exit 4");
        assertThat(actual.get(5).result().stdout()).contains("life <pid> RUNNING");
        assertThat(actual.get(6).result()).isEqualTo(new ProcessResult(4, "from exec\n", ""));
        assertThat(actual.get(8).result().stdout()).contains("life <pid> PAUSED");
        assertThat(actual.get(10).result().stdout()).contains("life <pid> RUNNING");
        assertThat(actual.get(11).result().stdout()).isEqualTo("PID INFO\n<pid> -\n");
        assertThat(actual.get(12).result().stdout().lines())
                .contains("memory.usage_in_bytes", "cpuacct.usage", "pids.current");
        assertThat(actual.get(15).result().stdout()).contains("life <pid> STOPPED");
        assertThat(actual.get(16).result().stderr()).contains("exit with non-zero exit code 137");
    }

    /** A ctr command line (without {@code -n}) and its result, PIDs masked. */
    record Step(String command, ProcessResult result) {
    }

    private List<Step> lifecycle(Function<String[], ProcessResult> ctr) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        Function<String[], ProcessResult> step = args -> {
            String[] command = new String[args.length + 2];
            command[0] = "-n";
            command[1] = NS;
            System.arraycopy(args, 0, command, 2, args.length);
            ProcessResult result = ctr.apply(command).map(TaskParityBase::withoutPids);
            steps.add(new Step(String.join(" ", args), result));
            return result;
        };
        step.apply(new String[] {"containers", "create", IMAGE, "life", "sleep", "1000"});
        step.apply(new String[] {"tasks", "rm", "life"});
        step.apply(new String[] {"tasks", "kill", "life"});
        step.apply(new String[] {"tasks", "start", "-d", "life"});
        step.apply(new String[] {"tasks", "start", "-d", "life"});
        step.apply(new String[] {"tasks", "ls"});
        step.apply(new String[] {"tasks", "exec", "--exec-id", "e1", "life", "sh", "-c", "echo from exec; exit 4"});
        step.apply(new String[] {"tasks", "pause", "life"});
        step.apply(new String[] {"tasks", "ls"});
        step.apply(new String[] {"tasks", "resume", "life"});
        step.apply(new String[] {"tasks", "ls"});
        step.apply(new String[] {"tasks", "ps", "life"});
        // the figures differ from run to run: only the metric names are compared
        ProcessResult metrics = ctr.apply(new String[] {"-n", NS, "tasks", "metrics", "life"});
        steps.add(new Step("tasks metrics life", new ProcessResult(metrics.exitCode(),
                String.join("\n", metricNames(metrics)), metrics.stderr())));
        step.apply(new String[] {"tasks", "rm", "life"});
        step.apply(new String[] {"tasks", "kill", "-s", "KILL", "life"});
        awaitStopped(() -> ctr.apply(new String[] {"-n", NS, "tasks", "ls"}));
        step.apply(new String[] {"tasks", "ls"});
        step.apply(new String[] {"tasks", "rm", "life"});
        step.apply(new String[] {"tasks", "ls"});
        step.apply(new String[] {"containers", "rm", "life"});
        step.apply(new String[] {"snapshots", "ls"});
        return steps;
    }

    @Test
    void aRunPublishesContainerdsEvents() throws InterruptedException {
        try (var events = parity.inBackground("events")) {
            Thread.sleep(500); // the subscriptions are in place
            ctr("run", "--rm", IMAGE, "hi", "echo", "hi");
            events.awaitStdout(out -> out.contains("/snapshot/remove"), Duration.ofSeconds(20));
            // one "namespace topic" per line; payloads hold pids and times
            events.stopAndAssertSame(out -> out.lines()
                    .map(line -> line.split(" "))
                    .filter(f -> f.length > 5)
                    .map(f -> f[4] + " " + f[5])
                    .reduce("", (a, b) -> a + b + "\n"));
        }
    }

    /**
     * A shell in a terminal: the pty has the terminal's size from the start and follows a resize
     * (SIGWINCH), the exit code comes through and the terminal's settings are restored. One side
     * after the other, as they share runc's root.
     */
    @Test
    void terminalSessionThroughTmux() throws InterruptedException {
        List<String> reference = terminalSession(true, "run", "-t", "--rm", IMAGE, "tty", "sh");
        List<String> tested = terminalSession(false, "run", "-t", "--rm", IMAGE, "tty", "sh");
        assertThat(tested).isEqualTo(reference).containsExactly("30 100", "40 120", "RESTORED", "EXIT=5");
    }

    /** The seed's {@code tasks exec -t}: a shell in a running container, on each side in turn. */
    @Test
    void execTerminalSessionThroughTmux() throws InterruptedException {
        List<String> reference = execTerminalSession(parity::ctr, true);
        List<String> tested = execTerminalSession(parity::tested, false);
        assertThat(tested).isEqualTo(reference).containsExactly("30 100", "40 120", "RESTORED", "EXIT=5");
    }

    private List<String> execTerminalSession(Function<String[], ProcessResult> side, boolean reference)
            throws InterruptedException {
        Function<String, ProcessResult> step = line -> side.apply(("-n " + NS + " " + line).split(" "));
        assertThat(step.apply("containers create " + IMAGE + " ttyx sleep 1000").exitCode()).isZero();
        assertThat(step.apply("tasks start -d ttyx").exitCode()).isZero();
        try {
            return terminalSession(reference, "tasks", "exec", "-t", "--exec-id", "term1", "ttyx", "sh");
        } finally {
            step.apply("tasks kill -s KILL ttyx");
            awaitStopped(() -> step.apply("tasks ls"));
            step.apply("tasks rm ttyx");
            step.apply("containers rm ttyx");
        }
    }

    /** A shell through {@code command} in a tmux pane: its size, a resize, exit 5, the terminal restored. */
    private List<String> terminalSession(boolean reference, String... command) throws InterruptedException {
        String[] args = new String[command.length + 2];
        args[0] = "-n";
        args[1] = NS;
        System.arraycopy(command, 0, args, 2, command.length);
        String client = String.join(" ", parity.commandLine(reference, args));
        String script = "export JCD_AOT=0; before=$(stty -g); " + client + "; code=$?; "
                + "[ \"$before\" = \"$(stty -g)\" ] && echo RESTORED; echo EXIT=$code; sleep 600";
        List<String> seen = new ArrayList<>();
        try (TmuxSession terminal = TmuxSession.start("sh -c '" + script.replace("'", "'\\''") + "'", 100, 30)) {
            terminal.awaitPane(pane -> pane.contains("/ #"), Duration.ofSeconds(30)); // tmux trims the trailing space
            terminal.typeLine(TmuxSession.sizeOnceSet("busybox stty", "size="));
            seen.add(marked("size=", terminal.awaitPane(pane -> pane.matches("(?s).*size=\\d+ \\d+.*"), Duration.ofSeconds(10))));
            terminal.resize(120, 40);
            Thread.sleep(500); // SIGWINCH reaches the client, which resizes the pty
            terminal.typeLine("busybox stty size | busybox sed s/^/resized=/");
            seen.add(marked("resized=", terminal.awaitPane(pane -> pane.matches("(?s).*resized=\\d+ \\d+.*"),
                    Duration.ofSeconds(10))));
            terminal.typeLine("exit 5");
            String end = terminal.awaitPane(pane -> pane.contains("EXIT="), Duration.ofSeconds(30));
            end.lines().filter(l -> l.equals("RESTORED") || l.startsWith("EXIT=")).forEach(seen::add);
        }
        return seen;
    }

    /** {@return the {@code rows columns} printed after {@code marker} on the screen} */
    private static String marked(String marker, String pane) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(marker + "(\\d+ \\d+)").matcher(pane);
        assertThat(m.find()).as(pane).isTrue();
        return m.group(1);
    }

    /** SIGTERM to the client of {@code run} reaches the task, whose exit code the client then exits with. */
    @Test
    void sigtermToRunIsForwardedToTheTask() throws InterruptedException {
        ProcessResult reference = runAndTerminate(true);
        ProcessResult tested = runAndTerminate(false);
        assertThat(tested).isEqualTo(reference).isEqualTo(new ProcessResult(7, "ready\ngot TERM\n", ""));
    }

    private ProcessResult runAndTerminate(boolean reference) throws InterruptedException {
        try (BackgroundProcess run = BackgroundProcess.start(parity.commandLine(reference, "-n", NS, "run", "--rm", IMAGE,
                "sig", "sh", "-c", "trap 'echo got TERM; exit 7' TERM; sleep 1; echo ready; while true; do sleep 1; done"),
                CtrParity.environment())) {
            run.awaitStdout(out -> out.contains("ready"), Duration.ofSeconds(30));
            run.terminate();
            return run.finish(Duration.ofSeconds(30));
        }
    }

    private static void awaitStopped(Supplier<ProcessResult> ls) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ls.get().stdout().contains("STOPPED")) {
            assertThat(System.nanoTime()).as("task stopped within 10 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
