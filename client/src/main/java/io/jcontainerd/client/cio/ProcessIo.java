package io.jcontainerd.client.cio;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.runtime.StdioPaths;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process's IO on the client's side, as containerd's {@code cio}: the stdio paths the Tasks API
 * is given and, for FIFOs, the threads that copy between them and local streams. Opening a FIFO
 * blocks until the shim opens the other end, so each stream has a platform thread of its own; the
 * threads are daemons, so a client that detaches can simply exit.
 */
public final class ProcessIo implements AutoCloseable {
    private static final int BUFFER = 32 * 1024;
    /** How long {@link #close} keeps unblocking a copy that has not opened its FIFO yet. */
    private static final long UNBLOCK_MILLIS = 1000;
    private static final long UNBLOCK_POLL_MILLIS = 10;

    /** A copy thread and whether it got past opening its FIFO (after that it ends with the shim's side). */
    private record Copy(Thread thread, AtomicBoolean opened, String fifo) {
    }

    private final StdioPaths config;
    private final FifoSet fifos;
    private final List<Copy> copies = new ArrayList<>();
    private final CompletableFuture<Runnable> stdinCloser = new CompletableFuture<>();

    private ProcessIo(StdioPaths config, FifoSet fifos) {
        this.config = config;
        this.fifos = fifos;
    }

    /** {@return IO that goes nowhere: the shim connects the process to /dev/null} */
    public static ProcessIo nullIo() {
        return new ProcessIo(new StdioPaths("", "", "", false), null);
    }

    /**
     * {@return IO the shim sends to {@code uri} itself ({@code file:///path} or
     * {@code binary:///logger?args}), stdout and stderr alike, as {@code cio.LogURI}}
     */
    public static ProcessIo logUri(String uri) {
        return new ProcessIo(new StdioPaths("", uri, uri, false), null);
    }

    /**
     * {@return IO through new FIFOs in {@code fifoDir} (null or empty: the default root) for the
     * streams given, copied from and to them until the shim closes its ends}
     */
    public static ProcessIo fifos(String fifoDir, String id, Streams streams, boolean terminal) throws IOException {
        FifoSet set = FifoSet.create(fifoDir, id, streams.stdin() != null, streams.stdout() != null,
                streams.stderr() != null, terminal);
        return copying(set, streams);
    }

    /** {@return IO attached to a running process's existing FIFOs, as {@code cio.NewAttach}} */
    public static ProcessIo attach(StdioPaths existing, Streams streams) {
        return copying(new FifoSet(existing), streams);
    }

    private static ProcessIo copying(FifoSet set, Streams streams) {
        ProcessIo io = new ProcessIo(set.paths(), set);
        StdioPaths paths = set.paths();
        if (!paths.stdin().isEmpty() && streams.stdin() != null) {
            io.copyStdin(paths.stdin(), streams.stdin());
        }
        if (!paths.stdout().isEmpty() && streams.stdout() != null) {
            io.copyOutput(paths.stdout(), streams.stdout());
        }
        if (!paths.stderr().isEmpty() && streams.stderr() != null) {
            io.copyOutput(paths.stderr(), streams.stderr());
        }
        return io;
    }

    /** {@return the stdio paths for the Tasks API's Create or Exec} */
    public StdioPaths config() {
        return config;
    }

    /**
     * Sets what runs when the local stdin ends (ctr closes the process's stdin through the Tasks
     * API then); the stdin copy waits for it, so an early end of file is not lost.
     */
    public void onStdinEnd(Runnable closer) {
        stdinCloser.complete(closer);
    }

    /** Waits until the shim has closed the process's stdout and stderr and all of it is copied. */
    public void awaitOutput() throws InterruptedException {
        for (Copy copy : copies) {
            if (!copy.fifo().equals(config.stdin())) {
                copy.thread().join();
            }
        }
    }

    /**
     * Unblocks copies still waiting for the shim to open a FIFO, then removes the FIFOs and their
     * directory; output already being copied is not cut short by the removal.
     */
    @Override
    public void close() throws IOException {
        stdinCloser.complete(() -> { });
        if (fifos == null) {
            return;
        }
        long deadline = System.nanoTime() + UNBLOCK_MILLIS * 1_000_000;
        for (Copy copy : copies) {
            // a copy may not have reached open() yet: unblock until it is past it
            while (!copy.opened().get() && copy.thread().isAlive() && System.nanoTime() < deadline) {
                unblockOpen(copy.fifo());
                try {
                    copy.thread().join(UNBLOCK_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        fifos.remove();
    }

    /** Opening a FIFO read-write never blocks and completes any open waiting for the other end. */
    private static void unblockOpen(String path) {
        if (path.isEmpty()) {
            return;
        }
        try {
            // opened and closed: a reader waiting in open() proceeds and then reads end of file
            FileChannel.open(Path.of(path), StandardOpenOption.READ, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            // already removed: nothing waits on it
        }
    }

    private void copyStdin(String fifo, InputStream from) {
        AtomicBoolean opened = new AtomicBoolean();
        copies.add(new Copy(Thread.ofPlatform().daemon().name("stdin-copy").start(() -> {
            try (OutputStream to = new FileOutputStream(fifo)) {
                opened.set(true);
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                }
                stdinCloser.join().run();
            } catch (IOException e) {
                // the process closed its stdin or the FIFO went away: nothing more to send
            } catch (ErrdefsException e) {
                // the process ended (and may be deleted) before our end of file reached it: no stdin to close
            }
        }), opened, fifo));
    }

    private void copyOutput(String fifo, OutputStream to) {
        AtomicBoolean opened = new AtomicBoolean();
        copies.add(new Copy(Thread.ofPlatform().daemon().name("output-copy").start(() -> {
            try (InputStream from = new FileInputStream(fifo)) {
                opened.set(true);
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the FIFO went away or our side was closed: the copy ends
            }
        }), opened, fifo));
    }
}
