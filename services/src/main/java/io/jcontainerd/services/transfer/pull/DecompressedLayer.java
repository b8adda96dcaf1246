package io.jcontainerd.services.transfer.pull;

import io.jcontainerd.plugins.diff.LayerCompression;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One layer's tar, decompressed on a thread of its own ahead of its apply. A pull applies its
 * layers one after another, each onto the snapshot of the one below, but their decompression need
 * not wait for that: the next layer inflates on the second core while this one's files are
 * written. Up to {@value #LIMIT_BYTES} bytes wait, off the heap (a pull moves hundreds of MiB
 * through here, which would otherwise settle in the old generation), in chunks of the unpack's
 * {@link NativeChunks}, given back on close; past that the decompression waits for the reader.
 * Errors of the source or of the decompression reach the reader where they happened in the
 * stream. One thread reads.
 */
final class DecompressedLayer extends InputStream {
    static final int CHUNK_BYTES = 256 * 1024;
    static final long LIMIT_BYTES = 32L << 20;
    private static final int CHUNKS = (int) (LIMIT_BYTES / CHUNK_BYTES);

    /** Opens the layer's compressed bytes; may wait for them (a download). */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException, InterruptedException;
    }

    private sealed interface Chunk {
    }

    private record Data(MemorySegment bytes, int length) implements Chunk {
    }

    private record End() implements Chunk {
    }

    private record Failed(Throwable cause) implements Chunk {
    }

    private static final End END = new End();

    private final NativeChunks chunks;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<MemorySegment> free = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final Thread inflater;
    private int allocated;
    private Data current;
    private int position;
    private boolean ended;
    private boolean closed;

    /** Starts decompressing what {@code source} opens into {@code chunks}, on a thread named {@code name}. */
    DecompressedLayer(Source source, NativeChunks chunks, String name) {
        this.chunks = chunks;
        this.inflater = Thread.ofPlatform().name(name).daemon().start(() -> fill(source));
    }

    private void fill(Source source) {
        byte[] scratch = new byte[CHUNK_BYTES];
        try (InputStream tar = LayerCompression.decompressed(source.open())) {
            while (true) {
                int n = tar.readNBytes(scratch, 0, CHUNK_BYTES);
                if (n > 0) {
                    MemorySegment chunk = nextFree();
                    MemorySegment.copy(scratch, 0, chunk, ValueLayout.JAVA_BYTE, 0, n);
                    try {
                        filled.put(new Data(chunk, n));
                    } catch (InterruptedException closed) {
                        free.offer(chunk); // for close to give back
                        throw closed;
                    }
                }
                if (n < CHUNK_BYTES) {
                    filled.put(END);
                    return;
                }
            }
        } catch (InterruptedException | InterruptedIOException e) {
            // closed: nobody reads any more
        } catch (IOException | RuntimeException | Error e) {
            try {
                filled.put(new Failed(e));
            } catch (InterruptedException closed) {
                // closed meanwhile
            }
        }
    }

    /** A chunk the reader gave back, or a new one while fewer than the limit exist. */
    private MemorySegment nextFree() throws InterruptedException {
        MemorySegment chunk = free.poll();
        if (chunk != null) {
            return chunk;
        }
        if (allocated <= CHUNKS) {
            allocated++;
            return chunks.take();
        }
        return free.take();
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
        MemorySegment.copy(current.bytes(), ValueLayout.JAVA_BYTE, position, b, off, n);
        position += n;
        return n;
    }

    /** {@return whether unread bytes are in {@link #current}}, taking the next chunk when it is used up */
    private boolean ensureData() throws IOException {
        if (closed) {
            throw new IOException("decompressed layer stream closed");
        }
        if (current != null && position < current.length()) {
            return true;
        }
        if (current != null) {
            free.offer(current.bytes());
            current = null;
        }
        if (ended) {
            return false;
        }
        Chunk next;
        try {
            next = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the layer's decompression");
        }
        switch (next) {
            case Data data -> {
                current = data;
                position = 0;
                return true;
            }
            case End end -> {
                ended = true;
                return false;
            }
            case Failed(Throwable cause) -> {
                ended = true;
                switch (cause) {
                    case IOException io -> throw io;
                    case RuntimeException re -> throw re;
                    case Error err -> throw err;
                    default -> throw new IOException(cause);
                }
            }
        }
    }

    /** Stops the decompression and frees its memory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inflater.interrupt();
        boolean interrupted = false;
        while (inflater.isAlive()) {
            try {
                inflater.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        // the thread has ended: every chunk it took is in free, waiting in filled, or current
        List<MemorySegment> unused = new ArrayList<>(free);
        filled.forEach(chunk -> {
            if (chunk instanceof Data data) {
                unused.add(data.bytes());
            }
        });
        if (current != null) {
            unused.add(current.bytes());
        }
        current = null;
        chunks.give(unused);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
