package io.jcontainerd.shim;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The logging program of a {@code binary://} log URI, run as containerd's shim runs one: the
 * process's stdout and stderr are pipes whose read ends the program gets as descriptors 3 and 4,
 * descriptor 5 is a pipe it writes to (or closes) once it is ready, and its environment is only
 * {@code CONTAINER_ID} and {@code CONTAINER_NAMESPACE}. Once the process is deleted it gets
 * SIGTERM, and SIGKILL if it has not ended 12 seconds later.
 */
final class BinaryLogger {
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;
    /** Upstream's binaryIOProcTermTimeout. */
    private static final long TERM_TIMEOUT_SECONDS = 12;

    private final Syscalls sys;
    private final Reaper reaper;
    private final int pid;
    private final int stdout;
    private final int stderr;

    private BinaryLogger(Syscalls sys, Reaper reaper, int pid, int stdout, int stderr) {
        this.sys = sys;
        this.reaper = reaper;
        this.pid = pid;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** What starting a logger needs besides its URI: the container it logs for and where it runs. */
    record Launch(Syscalls sys, Reaper reaper, String containerId, String namespace, Path workDir) {
        /** Starts {@code target}'s program and waits until it says it is ready. */
        BinaryLogger start(OutputTarget.Binary target) throws SyscallException {
            List<Integer> open = new ArrayList<>();
            try {
                int[] out = pipe(open);
                int[] err = pipe(open);
                int[] ready = pipe(open);
                int devNull = sys.open(RawPath.of(Path.of("/dev/null")), Linux.O_RDWR | Linux.O_CLOEXEC, 0);
                open.add(devNull);
                List<String> argv = new ArrayList<>();
                argv.add(target.program().toString());
                argv.addAll(target.args());
                int pid;
                try {
                    pid = reaper.spawn(argv, List.of("CONTAINER_ID=" + containerId, "CONTAINER_NAMESPACE=" + namespace),
                            workDir.toString(), new int[] {devNull, devNull, devNull, out[0], err[0], ready[1]});
                } catch (SyscallException e) {
                    throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to start binary process: " + e.getMessage(), e);
                }
                for (int fd : new int[] {devNull, out[0], err[0], ready[1]}) {
                    closeQuietly(sys, fd);
                    open.remove(Integer.valueOf(fd));
                }
                // a byte, or end of file when it closed descriptor 5 (or died)
                sys.read(ready[0], new byte[1], 0, 1);
                closeQuietly(sys, ready[0]);
                return new BinaryLogger(sys, reaper, pid, out[1], err[1]);
            } catch (SyscallException | RuntimeException e) {
                open.forEach(fd -> closeQuietly(sys, fd));
                throw e;
            }
        }

        private int[] pipe(List<Integer> open) throws SyscallException {
            int[] pipe = sys.pipe();
            open.add(pipe[0]);
            open.add(pipe[1]);
            return pipe;
        }
    }

    /** {@return the write end the process's stdout goes to} (ours until the caller closes it) */
    int stdout() {
        return stdout;
    }

    int stderr() {
        return stderr;
    }

    /** Asks the program to end (it has read everything once the process's writers are gone), then makes it. */
    void stop() {
        var exit = reaper.exitOf(pid);
        if (exit.isDone()) {
            return; // reaped: its pid may be another process's now
        }
        try {
            sys.kill(pid, SIGTERM);
            exit.get(TERM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            try {
                sys.kill(pid, SIGKILL);
            } catch (SyscallException gone) {
                // ended meanwhile
            }
        } catch (SyscallException e) {
            // already ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void closeQuietly(Syscalls sys, int fd) {
        try {
            sys.close(fd);
        } catch (SyscallException e) {
            // nothing left to release
        }
    }
}
