package io.jcontainerd.shim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.sys.ChildExit;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.Syscalls;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real children through posix_spawn, reaped by the one reaper thread: exit statuses exactly as a shell reports them. */
class ReaperTest {
    private static final Syscalls SYS = new LinuxSyscalls();
    private static final Reaper REAPER = TestReaper.INSTANCE;

    private static ChildExit run(String script, int[] fds) throws Exception {
        int pid = REAPER.spawn(List.of("/bin/sh", "-c", script), List.of("PATH=/usr/bin:/bin"), "/", fds);
        return REAPER.exitOf(pid).get(10, TimeUnit.SECONDS);
    }

    private static int[] devNull() throws Exception {
        int fd = SYS.open(io.jcontainerd.sys.RawPath.of(java.nio.file.Path.of("/dev/null")),
                io.jcontainerd.sys.Linux.O_RDWR | io.jcontainerd.sys.Linux.O_CLOEXEC, 0);
        return new int[] {fd, fd, fd};
    }

    @Test
    void exitCodesAndSignalsAreReportedAsContainerdReportsThem() throws Exception {
        int[] fds = devNull();
        try {
            assertThat(run("exit 3", fds).exitStatus()).isEqualTo(3);
            assertThat(run("true", fds).exitStatus()).isZero();
            assertThat(run("kill -KILL $$", fds).exitStatus()).isEqualTo(137);
            assertThat(run("kill -TERM $$", fds).signaled()).isTrue();
        } finally {
            SYS.close(fds[0]);
        }
    }

    @Test
    void aChildThatEndsBeforeAnyoneAsksIsStillReported() throws Exception {
        int[] fds = devNull();
        try {
            int pid = REAPER.spawn(List.of("/bin/sh", "-c", "exit 7"), List.of(), "/", fds);
            Thread.sleep(300); // reaped by now, with nobody waiting
            assertThat(REAPER.exitOf(pid).get(10, TimeUnit.SECONDS).exitStatus()).isEqualTo(7);
        } finally {
            SYS.close(fds[0]);
        }
    }

    @Test
    void theChildGetsTheGivenDescriptorsAndWorkingDirectory() throws Exception {
        int[] pipe = SYS.pipe();
        int[] fds = devNull();
        try {
            int pid = REAPER.spawn(List.of("/bin/sh", "-c", "pwd; echo $GREETING"), List.of("GREETING=hello"), "/tmp",
                    new int[] {fds[0], pipe[1], fds[0]});
            SYS.close(pipe[1]);
            try (InputStream in = new FileInputStream("/proc/self/fd/" + pipe[0])) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("/tmp\nhello\n");
            }
            assertThat(REAPER.exitOf(pid).get(10, TimeUnit.SECONDS).exitStatus()).isZero();
        } finally {
            SYS.close(pipe[0]);
            SYS.close(fds[0]);
        }
    }
}
