package io.jcontainerd.shim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.Syscalls;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process's stdin through real FIFOs, as the client (ctr) drives them; its output into a log
 * file or a logging program.
 */
class ProcessIoTest {
    private static final Syscalls SYS = new LinuxSyscalls();
    private final ReadableWatch watch = new ReadableWatch(SYS);

    @TempDir
    Path dir;

    private String fifo(String name) throws Exception {
        Path path = dir.resolve(name);
        SYS.mknod(RawPath.of(path), Linux.S_IFIFO | 0600, 0);
        return path.toString();
    }

    private ProcessIo open(String stdin) throws Exception {
        return ProcessIo.open(SYS, watch, stdin, new OutputTarget.Fifos("", ""), null);
    }

    /** What the child reads on its fd 0 until end of file. */
    private static CompletableFuture<String> childReads(ProcessIo io) {
        int fd = io.childFds()[0];
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder read = new StringBuilder();
            byte[] buf = new byte[256];
            try {
                for (int n; (n = SYS.read(fd, buf, 0, buf.length)) > 0; ) {
                    read.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
                return read.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void whatTheClientWritesReachesTheProcessWhichSeesEndOfFileWhenTheClientCloses() throws Exception {
        String stdin = fifo("stdin");
        try (ProcessIo io = open(stdin)) {
            CompletableFuture<String> read = childReads(io);
            try (OutputStream client = new FileOutputStream(stdin)) {
                client.write("hello ".getBytes(StandardCharsets.UTF_8));
                client.flush();
                Thread.sleep(50);
                client.write("world".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("hello world");
        }
    }

    @Test
    void closeIoEndsTheInputOfAProcessWhoseClientNeverOpenedIt() throws Exception {
        try (ProcessIo io = open(fifo("stdin"))) {
            CompletableFuture<String> read = childReads(io);
            io.closeStdin();
            assertThat(read.get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void stdinsNobodyOpensHoldNoThreadAndTheirFifosAreClosedWithTheProcess() throws Exception {
        long fdsBefore = openDescriptors();
        List<ProcessIo> detached = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            detached.add(open(fifo("stdin" + i)));
        }
        Thread.sleep(100);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("stdin /"));
        detached.forEach(ProcessIo::close);
        // the watch closes cancelled FIFOs on its own thread; it keeps only its wake-up pipe
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (openDescriptors() > fdsBefore + 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(openDescriptors()).isLessThanOrEqualTo(fdsBefore + 2);
    }

    private static long openDescriptors() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void aLogFileGetsStdoutAndStderrAppendedInADirectoryMadeForIt() throws Exception {
        Path log = dir.resolve("logs/app/out.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "earlier\n");
        try (ProcessIo io = ProcessIo.open(SYS, watch, "", new OutputTarget.File(log), null)) {
            int[] fds = io.childFds();
            SYS.write(fds[1], "out\n".getBytes(StandardCharsets.UTF_8), 0, 4);
            SYS.write(fds[2], "err\n".getBytes(StandardCharsets.UTF_8), 0, 4);
        }
        assertThat(Files.readString(log)).isEqualTo("earlier\nout\nerr\n");

        Path fresh = dir.resolve("new/dir/out.log");
        try (ProcessIo io = ProcessIo.open(SYS, watch, "", new OutputTarget.File(fresh), null)) {
            SYS.write(io.childFds()[1], "x".getBytes(StandardCharsets.UTF_8), 0, 1);
        }
        assertThat(Files.readString(fresh)).isEqualTo("x");
        assertThat(Files.getPosixFilePermissions(fresh.getParent()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * A binary:// logger reads stdout on its fd 3 and stderr on fd 4, says it is ready on fd 5,
     * sees only the container's id and namespace in its environment, gets its URI's flags as
     * arguments, and is stopped with SIGTERM once the process is released.
     */
    @Test
    void aLoggingProgramGetsTheOutputThroughPipesAndEndsWhenTheProcessIsReleased() throws Exception {
        Path logger = dir.resolve("logger");
        Files.writeString(logger, """
                #!/bin/sh
                d=$(dirname "$0")
                echo "$*" > "$d/args"
                echo "$CONTAINER_ID $CONTAINER_NAMESPACE ${HOME:-nohome} $(pwd)" > "$d/env"
                echo ready >&5
                exec 5>&-
                /bin/cat <&3 > "$d/stdout" &
                /bin/cat <&4 > "$d/stderr"
                wait
                echo done > "$d/ended"
                """);
        Files.setPosixFilePermissions(logger, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        var launch = new BinaryLogger.Launch(SYS, TestReaper.INSTANCE, "web", "ns1", dir);
        ProcessIo io = ProcessIo.open(SYS, watch, "", new OutputTarget.Binary(logger, List.of("--tag", "a b")), launch);
        int[] fds = io.childFds();
        SYS.write(fds[1], "to stdout\n".getBytes(StandardCharsets.UTF_8), 0, 10);
        SYS.write(fds[2], "to stderr\n".getBytes(StandardCharsets.UTF_8), 0, 10);
        io.handedOver(); // the process has its copies; ours go
        io.close();
        awaitFile(dir.resolve("ended")); // end of file on both pipes: it ends on its own
        io.released();
        assertThat(Files.readString(dir.resolve("args"))).isEqualTo("--tag a b\n");
        assertThat(Files.readString(dir.resolve("env"))).isEqualTo("web ns1 nohome " + dir.toRealPath() + "\n");
        assertThat(Files.readString(dir.resolve("stdout"))).isEqualTo("to stdout\n");
        assertThat(Files.readString(dir.resolve("stderr"))).isEqualTo("to stderr\n");
    }

    @Test
    void aLoggingProgramThatDoesNotEndIsTerminatedWhenTheProcessIsReleased() throws Exception {
        Path logger = dir.resolve("stubborn");
        Files.writeString(logger, """
                #!/bin/sh
                echo $$ > "$(dirname "$0")/pid"
                exec 5>&-
                exec /bin/sleep 1000
                """);
        Files.setPosixFilePermissions(logger, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        var launch = new BinaryLogger.Launch(SYS, TestReaper.INSTANCE, "web", "ns1", dir);
        ProcessIo io = ProcessIo.open(SYS, watch, "", new OutputTarget.Binary(logger, List.of()), launch);
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        io.handedOver();
        io.close();
        assertThat(ProcessHandle.of(pid)).as("still running after the process's IO closed").isPresent();
        io.released();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("terminated").isEmpty();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(file).exists();
    }
}
