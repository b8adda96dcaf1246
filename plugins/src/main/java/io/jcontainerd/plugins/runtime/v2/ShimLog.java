package io.jcontainerd.plugins.runtime.v2;

import io.jcontainerd.sys.Errno;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The shim's {@code log} FIFO in its bundle: the shim writes its log lines there, and we copy them
 * to our stderr as containerd does. The FIFO is opened non-blocking and watched on the task
 * manager's one {@link ReadableWatch} thread, which copies what it holds each time it becomes
 * readable; a copying thread per task, blocked in {@code open} or {@code read} for the task's
 * whole life, cost a platform thread per container. The copy ends when every writer has closed
 * the FIFO (the shim exited) or at {@link #close}.
 */
final class ShimLog implements AutoCloseable {
    private static final int BUFFER_BYTES = 8192;

    private final Syscalls sys;
    private final ReadableWatch watch;
    private final int fd;
    private final PrintStream out;
    /** The one watch action of this log, so that {@link ReadableWatch#cancel} can name it. */
    private final Runnable copy = this::copyAvailable;
    /** Set once the descriptor is closed or about to be; guarded by this. */
    private boolean closed;

    private ShimLog(Syscalls sys, ReadableWatch watch, int fd, PrintStream out) {
        this.sys = sys;
        this.watch = watch;
        this.fd = fd;
        this.out = out;
    }

    /** Creates {@code fifo} if it is missing (a new task; a reloaded one has it) and starts copying it to {@code out}. */
    static ShimLog open(Syscalls sys, ReadableWatch watch, Path fifo, PrintStream out) throws SyscallException {
        try {
            sys.mknod(RawPath.of(fifo), Linux.S_IFIFO | 0700, 0);
        } catch (SyscallException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e;
            }
        }
        // non-blocking: an open for reading returns at once, and the shim's open for writing then does too
        int fd = sys.open(RawPath.of(fifo), Linux.O_RDONLY | Linux.O_NONBLOCK | Linux.O_CLOEXEC, 0);
        ShimLog log = new ShimLog(sys, watch, fd, out);
        try {
            watch.watch(fd, log.copy);
        } catch (SyscallException e) {
            log.closeDescriptor();
            throw e;
        }
        return log;
    }

    /** On the watch thread: copies what the FIFO holds, then watches it again until its writers are gone. */
    private synchronized void copyAvailable() {
        if (closed) {
            closeDescriptor();
            return;
        }
        byte[] buf = new byte[BUFFER_BYTES];
        try {
            int n;
            while ((n = sys.read(fd, buf, 0, buf.length)) > 0) {
                out.write(buf, 0, n);
            }
            out.flush();
            // 0: every writer has closed it
            closed = true;
            closeDescriptor();
        } catch (SyscallException e) {
            out.flush();
            if (!e.is(Errno.EAGAIN)) {
                closed = true;
                closeDescriptor();
                return;
            }
            try {
                watch.watch(fd, copy);
            } catch (SyscallException unwatchable) {
                closed = true;
                closeDescriptor();
            }
        }
    }

    /** Stops copying; the descriptor is closed now if it is being watched, else by the copy under way. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // false: the watch thread took it and runs the copy next, which sees closed
        watch.cancel(fd, copy);
    }

    private void closeDescriptor() {
        try {
            sys.close(fd);
        } catch (SyscallException e) {
            // nothing left to release
        }
    }
}
