package io.jcontainerd.shim;

import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A process's stdio without a terminal. stdout and stderr are the client's FIFOs themselves,
 * opened read-write so the open never waits for the client and the client sees end of file once
 * the process (the last writer) is gone; or a log file both are appended to; or the pipes of a
 * logging program ({@link OutputTarget}). stdin goes through a pipe fed by a copy thread, so that
 * {@code CloseIO} can end the process's input while the FIFO stays open, as the Go shim does. An
 * empty path is {@code /dev/null}.
 */
final class ProcessIo implements AutoCloseable {
    /** As upstream's MkdirAll(dir, 0755) for a log file's directory. */
    private static final FileAttribute<?> DIRECTORY_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));
    private final Syscalls sys;
    private final ReadableWatch stdinWatch;
    private final String stdinFifo;
    /** The child's descriptors 0..2, ours until {@link #handedOver()}. */
    private final int[] childFds;
    private boolean handedOver;
    private volatile OutputStream stdinPipe;
    private int stdinFifoFd = -1;
    private Runnable stdinWriterCame;
    private BinaryLogger logger;

    private ProcessIo(Syscalls sys, ReadableWatch stdinWatch, String stdinFifo, int[] childFds) {
        this.sys = sys;
        this.stdinWatch = stdinWatch;
        this.stdinFifo = stdinFifo;
        this.childFds = childFds;
    }

    /** @param loggers how a {@code binary://} target's program is started */
    static ProcessIo open(Syscalls sys, ReadableWatch stdinWatch, String stdin, OutputTarget output,
            BinaryLogger.Launch loggers) throws IOException {
        int[] fds = {-1, -1, -1};
        ProcessIo io = new ProcessIo(sys, stdinWatch, stdin, fds);
        try {
            switch (output) {
                case OutputTarget.Fifos fifos -> {
                    fds[1] = openWritable(sys, fifos.stdout());
                    fds[2] = openWritable(sys, fifos.stderr());
                }
                case OutputTarget.File file -> {
                    Files.createDirectories(file.path().getParent(), DIRECTORY_MODE);
                    fds[1] = openAppending(sys, file.path());
                    fds[2] = openAppending(sys, file.path());
                }
                case OutputTarget.Binary binary -> {
                    io.logger = loggers.start(binary);
                    fds[1] = io.logger.stdout();
                    fds[2] = io.logger.stderr();
                }
            }
            if (stdin.isEmpty()) {
                fds[0] = openDevNull(sys);
            } else {
                int[] pipe = sys.pipe();
                fds[0] = pipe[0];
                io.stdinPipe = new FileOutputStream("/proc/self/fd/" + pipe[1]);
                sys.close(pipe[1]);
                io.watchStdin();
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

    private static int openAppending(Syscalls sys, Path file) throws SyscallException {
        return sys.open(RawPath.of(file), Linux.O_WRONLY | Linux.O_CREAT | Linux.O_APPEND | Linux.O_CLOEXEC, 0644);
    }

    private static int openDevNull(Syscalls sys) throws SyscallException {
        return sys.open(RawPath.of(Path.of("/dev/null")), Linux.O_RDWR | Linux.O_CLOEXEC, 0);
    }

    /**
     * The stdin FIFO is opened without waiting for the client's writer (as the Go shim's
     * fifo.OpenFifo); the watch hands it to a copy thread once the writer is there.
     */
    private void watchStdin() throws SyscallException {
        stdinFifoFd = sys.open(RawPath.of(Path.of(stdinFifo)), Linux.O_RDONLY | Linux.O_NONBLOCK | Linux.O_CLOEXEC, 0);
        stdinWriterCame = () -> Thread.ofPlatform().daemon().stackSize(256 * 1024).name("stdin " + stdinFifo)
                .start(this::copyStdin);
        stdinWatch.watch(stdinFifoFd, stdinWriterCame);
    }

    /** Copies the client's stdin into the pipe until the client closes it or CloseIO closes the pipe. */
    private void copyStdin() {
        int[] fifo = {stdinFifoFd};
        short[] readable = {Linux.POLLIN};
        short[] revents = new short[1];
        byte[] buf = new byte[8192];
        try {
            while (true) {
                sys.poll(fifo, readable, revents, -1);
                int n = sys.read(stdinFifoFd, buf, 0, buf.length);
                OutputStream pipe = stdinPipe;
                if (n == 0 || pipe == null) {
                    break;
                }
                pipe.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the client went away or CloseIO closed the pipe
        }
        closeStdin();
        try {
            sys.close(stdinFifoFd);
        } catch (SyscallException e) {
            // nothing left to release
        }
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

    /** The process was deleted: its logging program, if any, is told to end (upstream does it then, not at exit). */
    void released() {
        BinaryLogger running;
        synchronized (this) {
            running = logger;
            logger = null;
        }
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public synchronized void close() {
        if (!handedOver) {
            handedOver = true;
            closeChildFds();
        }
        closeStdin();
        if (stdinWriterCame != null) {
            stdinWatch.cancel(stdinFifoFd, stdinWriterCame); // a copy that started ends with the pipe
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
