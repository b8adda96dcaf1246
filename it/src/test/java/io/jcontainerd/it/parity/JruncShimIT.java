package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.Host;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TempDirs;
import io.jcontainerd.it.support.TmuxSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our shim, {@code containerd-shim-jrunc-v2} (runtime {@code io.containerd.jrunc.v2}, found on the
 * daemons' PATH), driven by Debian's ctr: under our daemon and under the real containerd, every
 * step reads exactly as with Debian's {@code containerd-shim-runc-v2} on containerd. One shim
 * process serves all the containers of a namespace and ends with the last one.
 */
class JruncShimIT extends TaskParityBase {
    private static final String NS = "jrunc";
    private static final String JRUNC = "io.containerd.jrunc.v2";
    private static final String RUNC = "io.containerd.runc.v2";
    private static final List<String> IDS = List.of("hi", "three", "life", "g1", "g2", "g3", "tty", "logged", "oom");

    JruncShimIT() {
        super(NS, IDS);
    }

    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }

    /** ctr against one daemon with one runtime; the runtime flag goes after the subcommand. */
    private record Side(Function<String[], ProcessResult> ctr, String runtime) {
        ProcessResult run(String... args) {
            List<String> command = new ArrayList<>(List.of("-n", NS));
            command.add(args[0]);
            int rest = 1;
            if (args[0].equals("containers") || args[0].equals("run")) {
                if (args[0].equals("containers")) {
                    command.add(args[1]);
                    rest = 2;
                }
                if (command.getLast().equals("create") || command.getLast().equals("run")) {
                    command.addAll(List.of("--runtime", runtime));
                }
            }
            command.addAll(List.of(args).subList(rest, args.length));
            return ctr.apply(command.toArray(String[]::new)).map(TaskParityBase::withoutPids);
        }
    }

    private Side runcOnContainerd() {
        return new Side(parity::ctr, RUNC);
    }

    private Side jruncOnContainerd() {
        return new Side(parity::ctr, JRUNC);
    }

    private Side jruncOnJcontainerd() {
        return new Side(parity::ctrOnTested, JRUNC);
    }

    @Test
    void runRemovePrintsTheOutputAndPropagatesTheExitCode() {
        for (Side side : List.of(jruncOnJcontainerd(), jruncOnContainerd())) {
            ProcessResult hi = side.run("run", "--rm", IMAGE, "hi", "echo", "hi");
            assertThat(hi).as(side.runtime()).isEqualTo(new ProcessResult(0, "hi\n", ""));
            ProcessResult three = side.run("run", "--rm", IMAGE, "three", "sh", "-c", "echo err >&2; exit 3");
            assertThat(three).isEqualTo(new ProcessResult(3, "", "err\n"));
            ProcessResult missing = side.run("run", "--rm", IMAGE, "three", "/no/such/program");
            assertThat(missing.stderr()).contains("failed to create shim task: OCI runtime create failed: runc create failed")
                    .contains("/no/such/program");
        }
        assertThat(parity.ctrOnTested("-n", NS, "containers", "ls", "-q").stdout()).isEmpty();
    }

    /** The lifecycle through our shim reads the same as through the Go shim, on both daemons. */
    @Test
    void detachedLifecycleReadsAsWithTheGoShim() throws InterruptedException {
        List<Step> expected = lifecycle(runcOnContainerd());
        List<Step> onContainerd = lifecycle(jruncOnContainerd());
        List<Step> onJcontainerd = lifecycle(jruncOnJcontainerd());
        assertThat(onContainerd).isEqualTo(expected);
        assertThat(onJcontainerd).isEqualTo(expected);
        assertThat(onJcontainerd.get(2).result().stdout()).contains("life <pid> RUNNING");
        assertThat(onJcontainerd.get(3).result()).isEqualTo(new ProcessResult(4, "from exec\n", ""));
        assertThat(onJcontainerd.get(5).result().stdout()).contains("life <pid> PAUSED");
        assertThat(onJcontainerd.get(8).result().stdout()).isEqualTo("PID INFO\n<pid> -\n");
        assertThat(onJcontainerd.get(9).result().stdout().lines())
                .contains("memory.usage_in_bytes", "cpuacct.usage", "pids.current");
        assertThat(onJcontainerd.get(12).result().stdout()).contains("life <pid> STOPPED");
        assertThat(onJcontainerd.get(13).result().stderr()).contains("exit with non-zero exit code 137");
    }

    record Step(String command, ProcessResult result) {
    }

    private static List<Step> lifecycle(Side side) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        Function<String[], ProcessResult> step = args -> {
            ProcessResult result = side.run(args);
            steps.add(new Step(String.join(" ", args), result));
            return result;
        };
        step.apply(new String[] {"containers", "create", IMAGE, "life", "sleep", "1000"});
        step.apply(new String[] {"tasks", "start", "-d", "life"});
        step.apply(new String[] {"tasks", "ls"});
        step.apply(new String[] {"tasks", "exec", "--exec-id", "e1", "life", "sh", "-c", "echo from exec; exit 4"});
        step.apply(new String[] {"tasks", "pause", "life"});
        step.apply(new String[] {"tasks", "ls"});
        step.apply(new String[] {"tasks", "resume", "life"});
        step.apply(new String[] {"tasks", "ls"});
        step.apply(new String[] {"tasks", "ps", "life"});
        ProcessResult metrics = side.run("tasks", "metrics", "life");
        steps.add(new Step("tasks metrics life", new ProcessResult(metrics.exitCode(),
                String.join("\n", metricNames(metrics)), metrics.stderr())));
        step.apply(new String[] {"tasks", "rm", "life"});
        step.apply(new String[] {"tasks", "kill", "-s", "KILL", "life"});
        awaitStatus(side, "STOPPED");
        step.apply(new String[] {"tasks", "ls"});
        step.apply(new String[] {"tasks", "rm", "life"});
        step.apply(new String[] {"tasks", "ls"});
        step.apply(new String[] {"containers", "rm", "life"});
        return steps;
    }

    /**
     * Three containers of a namespace share one shim process (the same address in every bundle);
     * deleting one leaves the others running; the shim ends its linger after the last is deleted.
     */
    @Test
    void oneShimServesTheNamespaceAndEndsWithItsLastContainer() throws IOException, InterruptedException {
        Side side = jruncOnJcontainerd();
        List<String> group = List.of("g1", "g2", "g3");
        for (String id : group) {
            assertThat(side.run("run", "-d", IMAGE, id, "sleep", "1000").exitCode()).isZero();
        }
        Path bundles = parity.daemonSockets().get(1).getParent().resolve("state/io.containerd.runtime.v2.task").resolve(NS);
        List<String> addresses = new ArrayList<>();
        for (String id : group) {
            addresses.add(Files.readString(bundles.resolve(id).resolve("address")));
        }
        assertThat(addresses).as("one shim address").containsOnly(addresses.getFirst());
        Path socket = Path.of(addresses.getFirst().substring("unix://".length()));
        long shimPid = Long.parseLong(Files.readString(Path.of(socket + ".pid")).strip());
        assertThat(ProcessHandle.of(shimPid)).isPresent();

        side.run("tasks", "kill", "-s", "KILL", "g1");
        awaitStatus(side, "g1 <pid> STOPPED");
        assertThat(side.run("tasks", "rm", "g1").exitCode()).isZero();
        assertThat(side.run("tasks", "ls").stdout()).contains("g2 <pid> RUNNING", "g3 <pid> RUNNING");
        assertThat(side.run("tasks", "exec", "--exec-id", "x", "g2", "echo", "still").stdout()).isEqualTo("still\n");
        assertThat(ProcessHandle.of(shimPid)).as("shim outlives one of its containers").isPresent();

        for (String id : List.of("g2", "g3")) {
            assertThat(side.run("tasks", "rm", "-f", id).exitCode()).isZero();
        }
        Optional<ProcessHandle> shim = ProcessHandle.of(shimPid);
        if (shim.isPresent()) {
            shim.get().onExit().orTimeout(25, java.util.concurrent.TimeUnit.SECONDS).join(); // its linger: 10 s
        }
        assertThat(Files.exists(socket)).as("socket removed").isFalse();
        try (Stream<Path> left = Files.list(bundles)) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContainAnyElementsOf(group);
        }
    }

    /**
     * The events of a run, "namespace topic" per line: the Go shim on containerd and ours on our
     * daemon, then ours on containerd and ours on our daemon.
     */
    @Test
    void aRunPublishesTheGoShimsEvents() throws InterruptedException {
        for (Side reference : List.of(runcOnContainerd(), jruncOnContainerd())) {
            try (var events = parity.inBackground("events")) {
                Thread.sleep(500); // the subscriptions are in place
                reference.run("run", "--rm", IMAGE, "hi", "echo", "hi");
                jruncOnJcontainerd().run("run", "--rm", IMAGE, "hi", "echo", "hi");
                events.awaitStdout(out -> out.contains("/snapshot/remove"), Duration.ofSeconds(20));
                String topics = events.stopAndAssertSame(out -> out.lines()
                        .map(line -> line.split(" "))
                        .filter(f -> f.length > 5)
                        .map(f -> f[4] + " " + f[5])
                        .reduce("", (a, b) -> a + b + "\n")).stdout();
                assertThat(topics).as(reference.runtime()).contains(NS + " /tasks/create\n" + NS + " /tasks/start\n",
                        NS + " /tasks/exit\n", NS + " /tasks/delete\n");
            }
        }
    }

    /**
     * A container killed for using more memory than its limit: ctr reports exit 137 and the shim
     * publishes {@code /tasks/oom} before {@code /tasks/exit}, as the Go shim does (cgroup v1 eventfd).
     */
    @Test
    void anOutOfMemoryKillIsPublished() throws InterruptedException {
        try (var events = parity.inBackground("events")) {
            Thread.sleep(500); // the subscriptions are in place
            for (Side side : List.of(runcOnContainerd(), jruncOnJcontainerd())) {
                ProcessResult run = side.run("run", "--rm", "--memory-limit", "33554432", IMAGE, "oom",
                        "busybox", "dd", "if=/dev/zero", "of=/dev/null", "bs=128M", "count=1");
                assertThat(run.exitCode()).as("%s: %s", side.runtime(), run).isEqualTo(137);
            }
            events.awaitStdout(out -> out.contains("/containers/delete"), Duration.ofSeconds(20));
            String topics = events.stopAndAssertSame(out -> out.lines()
                    .map(line -> line.split(" "))
                    .filter(f -> f.length > 5 && f[5].startsWith("/tasks/"))
                    .map(f -> f[5])
                    // one kill may wake a shim's OOM watch once or twice (the kernel signals the
                    // eventfd per OOM event): the Go shim itself published one or two
                    .reduce("", (a, b) -> a.endsWith("/tasks/oom\n") && b.equals("/tasks/oom") ? a : a + b + "\n")).stdout();
            assertThat(topics).contains("/tasks/oom\n").containsSubsequence("/tasks/start", "/tasks/oom", "/tasks/exit");
        }
    }

    /**
     * {@code --log-uri}: {@code binary://} runs the logging program with the output on its fds 3
     * and 4, the container's id and namespace as its only environment and the URI's flags as
     * arguments; {@code file://} appends both streams to the file. Our shim on both daemons
     * delivers what the Go shim on containerd delivers.
     */
    @Test
    void logUrisSendTheOutputToALoggingProgramOrAFile() throws Exception {
        Path logger = dir.resolve("logger");
        Files.writeString(logger, """
                #!/bin/sh
                # the Go shim closes the pipes and sends SIGTERM together when the task is deleted
                trap '' TERM
                d=$(dirname "$0")/$CONTAINER_NAMESPACE-$CONTAINER_ID
                mkdir -p "$d"
                echo "$*" > "$d/args"
                env | sort > "$d/env"
                echo ready >&5
                exec 5>&-
                /bin/cat <&3 > "$d/stdout" &
                /bin/cat <&4 > "$d/stderr"
                wait
                echo > "$d/ended"
                """);
        Files.setPosixFilePermissions(logger, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path logged = dir.resolve(NS + "-logged");
        Path file = dir.resolve("files/out.log");
        List<String> reference = null;
        for (Side side : List.of(runcOnContainerd(), jruncOnContainerd(), jruncOnJcontainerd())) {
            ProcessResult run = side.run("run", "--rm", "--log-uri", "binary://" + logger + "?--tag=web", IMAGE, "logged",
                    "sh", "-c", "echo out; sleep 0.2; echo err >&2; exit 3");
            assertThat(run).as(side.runtime()).isEqualTo(new ProcessResult(3, "", ""));
            awaitFile(logged.resolve("ended"));
            // it runs in the task's bundle, under each daemon's own state directory
            String env = Files.readString(logged.resolve("env")).replaceAll("PWD=.*/state/", "PWD=<state>/");
            List<String> seen = List.of(Files.readString(logged.resolve("args")), env,
                    Files.readString(logged.resolve("stdout")), Files.readString(logged.resolve("stderr")));
            assertThat(seen.get(2) + seen.get(3)).isEqualTo("out\nerr\n");
            assertThat(seen.get(1)).contains("CONTAINER_ID=logged\n", "CONTAINER_NAMESPACE=" + NS + "\n").doesNotContain("HOME=");
            if (reference == null) {
                reference = seen;
            }
            assertThat(seen).as(side.runtime()).isEqualTo(reference);
            TempDirs.delete(logged);

            ProcessResult toFile = side.run("run", "--rm", "--log-uri", "file://" + file, IMAGE, "logged",
                    "sh", "-c", "echo out; sleep 0.2; echo err >&2");
            assertThat(toFile).as(side.runtime()).isEqualTo(new ProcessResult(0, "", ""));
            assertThat(Files.readString(file)).as(side.runtime()).isEqualTo("out\nerr\n");
            Files.delete(file);
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("%s within 10 s", file).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * {@code ctr run -t} in a tmux pane, through our shim on both daemons: the shell runs on a
     * terminal of the pane's size (ctr's ResizePty), echoes what is typed, and its exit status
     * becomes ctr's.
     */
    @Test
    void aTerminalSessionThroughTmux() throws Exception {
        Host.assumeExecutable(Path.of("/usr/bin/tmux"));
        for (Path socket : parity.daemonSockets()) {
            Path exitFile = dir.resolve("tty-exit");
            Files.deleteIfExists(exitFile);
            String command = String.join(" ", CtrParity.CTR.toString(), "-a", socket.toString(), "-n", NS, "run", "-t",
                    "--rm", "--runtime", JRUNC, IMAGE, "tty", "sh") + "; echo $? > " + exitFile + "; sleep 60";
            try (TmuxSession terminal = TmuxSession.start(command, 100, 30)) {
                terminal.awaitPane(pane -> pane.contains("/ #"), Duration.ofSeconds(30));
                terminal.typeLine("echo hello-$((6*7)); " + TmuxSession.sizeOnceSet("stty", "") + "; tty");
                String pane = terminal.awaitPane(text -> text.contains("/dev/pts/"), Duration.ofSeconds(30));
                assertThat(pane).contains("hello-42", "30 100");
                terminal.typeLine("exit 5");
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!Files.exists(exitFile) || Files.readString(exitFile).isBlank()) {
                    assertThat(System.nanoTime()).as("ctr ended").isLessThan(deadline);
                    Thread.sleep(100);
                }
                assertThat(Files.readString(exitFile).strip()).isEqualTo("5");
            }
        }
    }

    private static void awaitStatus(Side side, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!side.run("tasks", "ls").stdout().contains(text)) {
            assertThat(System.nanoTime()).as("%s within 10 s", text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
