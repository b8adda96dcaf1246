package io.jcontainerd.shim;

import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A terminal process's I/O: the pty master copied to the client's stdout FIFO, its stdin FIFO
 * copied to the master, and its size set on {@code ResizePty}. The output copy ends when the
 * terminal's last user is gone (the master reads EIO); an exit is published after it drained.
 */
final class TerminalIo implements AutoCloseable {
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(2);

    private final Syscalls sys;
    private final int master;
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile InputStream stdin;
    private boolean closed;

    private TerminalIo(Syscalls sys, int master) {
        this.sys = sys;
        this.master = master;
    }

    static TerminalIo start(Syscalls sys, int master, String stdinFifo, String stdoutFifo) {
        TerminalIo io = new TerminalIo(sys, master);
        Thread.ofPlatform().daemon().name("pty-out").stackSize(256 * 1024).start(() -> io.copyOut(stdoutFifo));
        if (!stdinFifo.isEmpty()) {
            Thread.ofPlatform().daemon().name("pty-in").stackSize(256 * 1024).start(() -> io.copyIn(stdinFifo));
        }
        return io;
    }

    private void copyOut(String fifo) {
        try (OutputStream out = fifo.isEmpty() ? OutputStream.nullOutputStream() : new FileOutputStream(fifo)) {
            byte[] buf = new byte[32 * 1024];
            int n;
            while ((n = sys.read(master, buf, 0, buf.length)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // EIO: nobody holds the terminal any more; or the client's reader went away
        } finally {
            drained.countDown();
        }
    }

    private void copyIn(String fifo) {
        // opening for reading waits for the client's writer
        try (InputStream in = new FileInputStream(fifo)) {
            stdin = in;
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int off = 0; off < n; ) {
                    off += sys.write(master, buf, off, n - off);
                }
            }
        } catch (IOException e) {
            // the client or the terminal went away
        }
    }

    void resize(int rows, int columns) throws SyscallException {
        sys.setWindowSize(master, rows, columns);
    }

    /** {@code CloseIO}: stop feeding the terminal. */
    void closeStdin() {
        InputStream in = stdin;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closed either way
            }
        }
    }

    /** Waits (a little) until the output read everything the process wrote. */
    void awaitDrained() {
        try {
            drained.await(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeStdin();
        try {
            sys.close(master);
        } catch (SyscallException e) {
            // gone already
        }
    }
}
