package io.jcontainerd.plugins.runtime.v2;

import io.jcontainerd.sys.Errno;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The shim's {@code log} FIFO in its bundle: the shim writes its log lines there, and we copy them
 * to our stderr as containerd does. The copy ends when every writer has closed it (the shim
 * exited) or when {@link #close} gives up on a shim that never opened it.
 */
final class ShimLog implements AutoCloseable {
    private final Syscalls sys;
    private final Path fifo;
    private final Thread copier;

    private ShimLog(Syscalls sys, Path fifo, PrintStream out) {
        this.sys = sys;
        this.fifo = fifo;
        this.copier = Thread.ofPlatform().daemon().stackSize(256 * 1024).name("shim-log " + fifo.getParent().getFileName())
                .unstarted(() -> copy(out));
    }

    /** Creates the FIFO if it is missing (a new task; a reloaded one has it) and starts copying. */
    static ShimLog open(Syscalls sys, Bundle bundle, PrintStream out) throws SyscallException {
        Path fifo = bundle.file("log");
        try {
            sys.mknod(RawPath.of(fifo), Linux.S_IFIFO | 0700, 0);
        } catch (SyscallException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e;
            }
        }
        ShimLog log = new ShimLog(sys, fifo, out);
        log.copier.start();
        return log;
    }

    private void copy(PrintStream out) {
        // opening for reading waits for the shim to open its end, as upstream's fifo.OpenFifo does
        try (InputStream in = new FileInputStream(fifo.toFile())) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the bundle went away; nothing left to copy
        }
    }

    /** Unblocks a copier still waiting for a writer, so no thread is left behind. */
    @Override
    public void close() {
        if (!copier.isAlive()) {
            return;
        }
        try {
            sys.close(sys.open(RawPath.of(fifo), Linux.O_WRONLY | Linux.O_NONBLOCK, 0));
        } catch (SyscallException e) {
            // ENXIO: the copier has the FIFO open already and ends with the shim; ENOENT: it is gone
        }
    }
}
