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

    /** A descriptor the shim holds without O_CLOEXEC is not inherited: only the given ones are (CVE-2024-21626). */
    @Test
    void theChildGetsNoOtherDescriptorEvenWithoutCloseOnExec() throws Exception {
        int leaky = SYS.open(io.jcontainerd.sys.RawPath.of(java.nio.file.Path.of("/dev/null")), io.jcontainerd.sys.Linux.O_RDONLY, 0);
        try {
            assertThat(outputOf("[ -e /proc/$$/fd/" + leaky + " ] && echo inherited || echo closed", List.of(), "/"))
                    .isEqualTo("closed\n");
        } finally {
            SYS.close(leaky);
        }
    }

    @Test
    void theChildGetsTheGivenDescriptorsAndWorkingDirectory() throws Exception {
        assertThat(outputOf("pwd; echo $GREETING", List.of("GREETING=hello"), "/tmp")).isEqualTo("/tmp\nhello\n");
    }

    /** {@return what {@code script} prints on stdout (a pipe), its stdin and stderr /dev/null}, after it exited 0 */
    private static String outputOf(String script, List<String> env, String workDir) throws Exception {
        int[] pipe = SYS.pipe();
        int[] fds = devNull();
        try {
            int pid = REAPER.spawn(List.of("/bin/sh", "-c", script), env, workDir, new int[] {fds[0], pipe[1], fds[0]});
            SYS.close(pipe[1]);
            String output;
            try (InputStream in = new FileInputStream("/proc/self/fd/" + pipe[0])) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(REAPER.exitOf(pid).get(10, TimeUnit.SECONDS).exitStatus()).isZero();
            return output;
        } finally {
            SYS.close(pipe[0]);
            SYS.close(fds[0]);
        }
    }
}
