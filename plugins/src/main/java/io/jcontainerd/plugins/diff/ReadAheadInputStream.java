package io.jcontainerd.plugins.diff;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads its source on a thread of its own, a few chunks ahead of the reader. An apply spends its
 * time in two places that need not wait for each other: decompressing and hashing the layer, and
 * the syscalls that write it; with this stream between them they run on two cores (what
 * containerd gets from {@code unpigz} in a separate process). Errors of the source reach the
 * reader at the point of the stream where they happened; closing stops the reading thread.
 *
 * <p>Not thread-safe for readers: one thread reads. Whatever the source computes while it is
 * read (a digest) is complete and visible once this stream has returned -1.
 */
public final class ReadAheadInputStream extends InputStream {
    static final int CHUNK_BYTES = 256 * 1024;
    static final int CHUNKS_AHEAD = 8;

    /** What the reading thread hands over: data, the end, or the source's failure. */
    private sealed interface Chunk {
    }

    private record Data(byte[] bytes, int length) implements Chunk {
    }

    private record End() implements Chunk {
    }

    private record Failed(Throwable cause) implements Chunk {
    }

    private static final End END = new End();

    private final InputStream source;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    /** Buffers the reader is done with, for the reading thread to fill again. */
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS_AHEAD + 2);
    private final Thread reader;
    private Data current;
    private int position;
    private boolean ended;
    private volatile boolean closed;

    /** Starts reading {@code source}; it is closed when this stream is. */
    public ReadAheadInputStream(InputStream source, String threadName) {
        this.source = source;
        this.reader = Thread.ofPlatform().name(threadName).daemon().start(this::fill);
    }

    private void fill() {
        try {
            while (!closed) {
                byte[] buffer = free.poll();
                if (buffer == null) {
                    buffer = new byte[CHUNK_BYTES];
                }
                int n = 0;
                try {
                    for (int r = 0; n < buffer.length && r >= 0; n += Math.max(r, 0)) {
                        r = source.read(buffer, n, buffer.length - n);
                    }
                } catch (IOException | RuntimeException | Error e) {
                    // the bytes before the failure first, so the reader meets it where it happened
                    handOver(buffer, n);
                    filled.put(new Failed(e));
                    return;
                }
                handOver(buffer, n);
                if (n < buffer.length) {
                    filled.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed while the reader had stopped taking chunks
        }
    }

    private void handOver(byte[] buffer, int length) throws InterruptedException {
        if (length > 0) {
            filled.put(new Data(buffer, length));
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!ensureData()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && ensureData()) {
            int step = (int) Math.min(n - skipped, current.length() - position);
            position += step;
            skipped += step;
        }
        return skipped;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - position;
    }

    /** {@return whether unread data is in {@link #current}}, taking the next chunk when it is used up */
    private boolean ensureData() throws IOException {
        if (closed) {
            throw new IOException("read-ahead stream closed");
        }
        if (current != null && position < current.length()) {
            return true;
        }
        if (ended) {
            return false;
        }
        if (current != null) {
            free.offer(current.bytes());
            current = null;
        }
        Chunk next;
        try {
            next = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrdefsException(ErrorKind.CANCELED, "context canceled");
        }
        switch (next) {
            case Data d -> {
                current = d;
                position = 0;
                return true;
            }
            case End e -> {
                ended = true;
                return false;
            }
            case Failed f -> {
                ended = true;
                throw rethrown(f.cause());
            }
        }
    }

    /** The source's failure as the reader's: unchecked ones as they are, an IOException to throw. */
    private static IOException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return (IOException) cause;
    }

    /**
     * Stops the reading thread, then closes the source. It waits for the thread even when
     * interrupted: a source may not be closed while another thread reads it (a native decoder's
     * memory is freed by its close).
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        reader.interrupt();
        boolean interrupted = false;
        try {
            while (reader.isAlive()) {
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            source.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
