package io.jcontainerd.shim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.RawPath;
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

/** A process's stdin through real FIFOs, as the client (ctr) drives them. */
class ProcessIoTest {
    private static final Syscalls SYS = new LinuxSyscalls();
    private final StdinWatch watch = new StdinWatch(SYS);

    @TempDir
    Path dir;

    private String fifo(String name) throws Exception {
        Path path = dir.resolve(name);
        SYS.mknod(RawPath.of(path), Linux.S_IFIFO | 0600, 0);
        return path.toString();
    }

    private ProcessIo open(String stdin) throws Exception {
        return ProcessIo.open(SYS, watch, stdin, "", "");
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
}
