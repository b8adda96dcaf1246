package io.jcontainerd.plugins.runtime.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shim log copy, on real FIFOs: what a shim writes reaches the output, and no copy outlives its task. */
class ShimLogTest {
    private static final Syscalls SYS = new LinuxSyscalls();
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final ReadableWatch watch = new ReadableWatch(SYS);
    private final ByteArrayOutputStream copied = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(copied, true, StandardCharsets.UTF_8);

    @Test
    void copiesWhatTheShimWritesAndLetsGoOfTheFifoWhenTheShimCloses() throws Exception {
        Path fifo = dir.resolve("log");
        try (ShimLog log = ShimLog.open(SYS, watch, fifo, out)) {
            int shim = SYS.open(RawPath.of(fifo), Linux.O_WRONLY | Linux.O_CLOEXEC, 0);
            write(shim, "time=\"t1\" level=info msg=\"starting signal loop\"\n");
            awaitCopied("starting signal loop\"\n");
            write(shim, "time=\"t2\" level=info msg=\"second\"\n");
            awaitCopied("msg=\"second\"\n");
            SYS.close(shim);
            awaitNoReader(fifo);
        }
        assertThat(copied.toString(StandardCharsets.UTF_8))
                .isEqualTo("time=\"t1\" level=info msg=\"starting signal loop\"\ntime=\"t2\" level=info msg=\"second\"\n");
    }

    @Test
    void closingALogNoShimOpenedReleasesTheFifo() throws Exception {
        Path fifo = dir.resolve("log");
        ShimLog log = ShimLog.open(SYS, watch, fifo, out);
        assertThat(openHere(fifo)).isTrue();
        log.close();
        awaitNoReader(fifo);
        assertThat(copied.size()).isZero();
    }

    @Test
    void manyLogsShareOneThreadAndEachGetsItsOwnLines() throws Exception {
        int before = Thread.activeCount();
        List<ShimLog> logs = new ArrayList<>();
        List<Integer> shims = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Path fifo = dir.resolve("log" + i);
                logs.add(ShimLog.open(SYS, watch, fifo, out));
                shims.add(SYS.open(RawPath.of(fifo), Linux.O_WRONLY | Linux.O_CLOEXEC, 0));
            }
            assertThat(Thread.activeCount() - before).isLessThanOrEqualTo(1);
            for (int i = 0; i < 20; i++) {
                write(shims.get(i), "line " + i + "\n");
            }
            for (int i = 0; i < 20; i++) {
                awaitCopied("line " + i + "\n");
            }
        } finally {
            for (int shim : shims) {
                SYS.close(shim);
            }
            logs.forEach(ShimLog::close);
        }
    }

    private static void write(int fd, String text) throws SyscallException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(SYS.write(fd, bytes, 0, bytes.length)).isEqualTo(bytes.length);
    }

    private void awaitCopied(String text) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!copied.toString(StandardCharsets.UTF_8).contains(text)) {
            assertThat(System.nanoTime()).as("waiting for %s to be copied", text).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Waits until no descriptor of this process refers to {@code fifo}: looking does not disturb it, as opening it would. */
    private static void awaitNoReader(Path fifo) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (openHere(fifo)) {
            assertThat(System.nanoTime()).as("our end of %s is still open", fifo).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static boolean openHere(Path fifo) throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(fifo);
                } catch (IOException gone) {
                    return false;
                }
            });
        }
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThatThrownBy(() -> ShimLog.open(SYS, watch, dir.resolve("gone/log"), out))
                .isInstanceOf(SyscallException.class);
    }
}
