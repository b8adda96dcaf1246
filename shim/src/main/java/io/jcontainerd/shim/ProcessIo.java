package io.jcontainerd.shim;

import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A process's stdio from the client's FIFOs (non-terminal). stdout and stderr are the FIFOs
 * themselves, opened read-write so the open never waits for the client and the client sees end
 * of file once the process (the last writer) is gone. stdin goes through a pipe fed by a copy
 * thread, so that {@code CloseIO} can end the process's input while the FIFO stays open, as the
 * Go shim does. An empty path is {@code /dev/null}.
 */
final class ProcessIo implements AutoCloseable {
    private static final int O_NONBLOCK = 04000;

    private final Syscalls sys;
    private final String stdinFifo;
    /** The child's descriptors 0..2, ours until {@link #handedOver()}. */
    private final int[] childFds;
    private boolean handedOver;
    private volatile OutputStream stdinPipe;
    private Thread stdinCopy;

    private ProcessIo(Syscalls sys, String stdinFifo, int[] childFds) {
        this.sys = sys;
        this.stdinFifo = stdinFifo;
        this.childFds = childFds;
    }

    static ProcessIo open(Syscalls sys, String stdin, String stdout, String stderr) throws IOException {
        int[] fds = {-1, -1, -1};
        ProcessIo io = new ProcessIo(sys, stdin, fds);
        try {
            fds[1] = openWritable(sys, stdout);
            fds[2] = openWritable(sys, stderr);
            if (stdin.isEmpty()) {
                fds[0] = openDevNull(sys);
            } else {
                int[] pipe = sys.pipe();
                fds[0] = pipe[0];
                io.stdinPipe = new FileOutputStream("/proc/self/fd/" + pipe[1]);
                sys.close(pipe[1]);
                io.startStdinCopy();
            }
            return io;
        } catch (IOException | RuntimeException e) {
            io.close();
            throw e;
        }
    }

    private static int openWritable(Syscalls sys, String fifo) throws SyscallException {
        return fifo.isEmpty() ? openDevNull(sys) : sys.open(RawPath.of(Path.of(fifo)), Linux.O_RDWR | Linux.O_CLOEXEC, 0);
    }

    private static int openDevNull(Syscalls sys) throws SyscallException {
        return sys.open(RawPath.of(Path.of("/dev/null")), Linux.O_RDWR | Linux.O_CLOEXEC, 0);
    }

    private void startStdinCopy() {
        OutputStream pipe = stdinPipe;
        stdinCopy = Thread.ofPlatform().daemon().stackSize(256 * 1024).name("stdin " + stdinFifo).start(() -> {
            // opening for reading waits for the client's writer, as the Go shim's fifo.OpenFifo
            try (InputStream in = new FileInputStream(stdinFifo)) {
                in.transferTo(pipe);
            } catch (IOException e) {
                // the client went away or CloseIO closed the pipe
            }
            closeStdin();
        });
    }

    /** {@return the descriptors to give the child as 0, 1, 2} */
    int[] childFds() {
        return childFds.clone();
    }

    /** The child has its copies now: ours go, so the client sees end of file when the child ends. */
    synchronized void handedOver() {
        if (!handedOver) {
            handedOver = true;
            closeChildFds();
        }
    }

    /** {@code CloseIO}: the process reads end of file once the pipe drains. */
    void closeStdin() {
        OutputStream pipe = stdinPipe;
        stdinPipe = null;
        if (pipe != null) {
            try {
                pipe.close();
            } catch (IOException e) {
                // closed either way
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!handedOver) {
            handedOver = true;
            closeChildFds();
        }
        closeStdin();
        if (stdinCopy != null && stdinCopy.isAlive()) {
            // a copy still waiting for the client's writer: open (and drop) one ourselves to free it
            try {
                sys.close(sys.open(RawPath.of(Path.of(stdinFifo)), Linux.O_WRONLY | O_NONBLOCK | Linux.O_CLOEXEC, 0));
            } catch (SyscallException e) {
                // ENXIO: it is reading already and ends with the pipe; ENOENT: the FIFO is gone
            }
        }
    }

    private void closeChildFds() {
        for (int i = 0; i < childFds.length; i++) {
            if (childFds[i] >= 0) {
                try {
                    sys.close(childFds[i]);
                } catch (SyscallException e) {
                    // nothing left to release
                }
                childFds[i] = -1;
            }
        }
    }
}
