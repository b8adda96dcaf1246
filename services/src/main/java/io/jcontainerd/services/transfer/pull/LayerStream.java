package io.jcontainerd.services.transfer.pull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes of one layer download on their way to content, handed on in memory to the unpack so
 * that it applies the layer while it downloads. Only a download from the blob's first byte is
 * handed on. The download never waits for an unpack that has not started: past
 * {@value #UNREAD_LIMIT} bytes nobody reads, or once the blob is complete and nobody has started,
 * the stream is dropped and the unpack reads the blob from content as before. An unpack that reads
 * holds the download back to {@value #READ_AHEAD_LIMIT} bytes ahead of it. The stream ends only
 * after the download verified the blob's digest and committed it; a failed download fails it.
 * An unpack that asks before the download knows where it starts waits for that.
 */
final class LayerStream {
    static final long UNREAD_LIMIT = 4L << 20;
    static final long READ_AHEAD_LIMIT = 4L << 20;
    private static final int SPARE_ARRAYS = 8;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** A copy of one write. */
    private record Chunk(byte[] bytes, int length) {
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    /**
     * Arrays the unpack has read, for the download's next writes: a pull moves hundreds of MiB
     * through here, and fresh arrays of a write's size land in the old generation of a small heap.
     */
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private int headOffset;
    private long buffered;
    private boolean begun;
    /** An unpack waits in {@link #open} for the download to begin. */
    private boolean opening;
    private boolean reading;
    private boolean dropped;
    private boolean complete;
    private Throwable failure;

    /** {@return a stream that hands nothing on: for blobs nobody unpacks} */
    static LayerStream none() {
        LayerStream none = new LayerStream();
        none.dropped = true;
        return none;
    }

    /** The download starts at the blob's first byte: what it writes can be handed on. */
    void begin() {
        lock.lock();
        try {
            begun = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Hands on bytes the download wrote to content, in order; waits while the unpack is far behind. */
    void write(byte[] bytes, int offset, int length) throws InterruptedIOException {
        lock.lock();
        try {
            if (!reading && buffered + length > UNREAD_LIMIT) {
                drop();
            }
            while (reading && !dropped && buffered >= READ_AHEAD_LIMIT) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("layer download interrupted");
                }
            }
            if (!dropped) {
                byte[] copy = spare.isEmpty() || spare.peek().length < length ? new byte[length] : spare.poll();
                System.arraycopy(bytes, offset, copy, 0, length);
                chunks.add(new Chunk(copy, length));
                buffered += length;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The download does not start at the blob's first byte (it resumes, or content has the blob). */
    void unavailable() {
        lock.lock();
        try {
            drop();
        } finally {
            lock.unlock();
        }
    }

    /** The blob is verified and in content. */
    void complete() {
        lock.lock();
        try {
            if (!reading && !opening) {
                drop(); // content has it now: nothing gained by holding it in memory
            }
            complete = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The download failed: the unpack reading fails with {@code cause}. */
    void fail(Throwable cause) {
        lock.lock();
        try {
            failure = cause;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return the blob from its first byte, for the one unpack that asks first}; empty when it is
     * not handed on. Waits until the download has begun (or will not hand anything on).
     */
    Optional<InputStream> open() throws InterruptedException {
        lock.lock();
        try {
            opening = true;
            try {
                while (!begun && !dropped && failure == null) {
                    changed.await();
                }
            } finally {
                opening = false;
            }
            if (dropped || reading || failure != null) {
                return Optional.empty();
            }
            reading = true;
            return Optional.of(new Reader());
        } finally {
            lock.unlock();
        }
    }

    private void drop() {
        dropped = true;
        chunks.clear();
        spare.clear();
        buffered = 0;
        changed.signalAll();
    }

    private final class Reader extends InputStream {
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
            lock.lock();
            try {
                if (!awaitData()) {
                    return -1;
                }
                Chunk head = chunks.peek();
                int n = Math.min(len, head.length() - headOffset);
                System.arraycopy(head.bytes(), headOffset, b, off, n);
                headOffset += n;
                if (headOffset == head.length()) {
                    chunks.poll();
                    headOffset = 0;
                    if (spare.size() < SPARE_ARRAYS) {
                        spare.push(head.bytes());
                    }
                }
                buffered -= n;
                changed.signalAll();
                return n;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Waits until bytes are there or the stream has ended: gzip asks after each member whether
         * another follows, and "none yet" must not read as "none" while the download goes on.
         */
        @Override
        public int available() throws IOException {
            lock.lock();
            try {
                return awaitData() ? (int) Math.min(buffered, Integer.MAX_VALUE) : 0;
            } finally {
                lock.unlock();
            }
        }

        /** {@return whether bytes are buffered; false at the end}; throws the download's failure */
        private boolean awaitData() throws IOException {
            while (buffered == 0 && failure == null && !complete && !dropped) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("layer unpack interrupted");
                }
            }
            if (buffered > 0) {
                return true;
            }
            if (failure != null) {
                throw new IOException("layer download failed: " + failure.getMessage(), failure);
            }
            if (dropped) {
                throw new IOException("layer stream closed");
            }
            return false;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                drop();
            } finally {
                lock.unlock();
            }
        }
    }
}
