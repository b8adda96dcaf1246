package io.jcontainerd.registry;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.time.GoDuration;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Content read over HTTP from an offset on, as upstream's {@code httpReadSeeker}: when the
 * connection drops (an IO error, or the body ending before the known size) the stream reopens at
 * the offset reached and goes on; after {@link #MAX_RETRIES} failures in a row without a byte of
 * progress it gives up. It never reads past the known size, so a server sending more cannot make
 * the content longer than its descriptor. A connection that sends nothing for the stall timeout
 * while a read waits on it is dropped and counts as such a failure: a stalled server cannot hold
 * a pull forever.
 */
final class ResumingInputStream extends InputStream {
    static final int MAX_RETRIES = 3;

    /** Opens the content at an offset. */
    @FunctionalInterface
    interface Opener {
        InputStream open(long offset);
    }

    /** The shortest time between two looks at a waiting read: tests use stall timeouts of milliseconds. */
    private static final long MIN_WATCH_PERIOD_NANOS = 5_000_000;

    private final long size;
    private final Opener opener;
    private final Duration stallTimeout;
    private long offset;
    /** Read by the watchdog, which closes it when a read has waited on it too long. */
    private volatile InputStream current;
    private int failuresWithoutProgress;
    private volatile boolean closed;
    /** When the read under way started waiting for bytes; 0 while no read waits. */
    private volatile long waitingSince;
    /** The connection the watchdog dropped, so that the read that waited on it says why it failed. */
    private volatile InputStream stalled;
    private Thread watchdog;

    /**
     * @param size    the content's size, or -1 when unknown (then EOF is believed)
     * @param first   the body already opened at {@code offset}, or null to open lazily
     */
    ResumingInputStream(long size, long offset, InputStream first, Opener opener, Duration stallTimeout) {
        this.size = size;
        this.offset = offset;
        this.current = first;
        this.opener = opener;
        this.stallTimeout = stallTimeout;
    }

    long offset() {
        return offset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (size >= 0 && offset >= size) {
                return -1;
            }
            int want = size >= 0 ? (int) Math.min(len, size - offset) : len;
            IOException failure;
            InputStream in = null;
            try {
                in = stream();
                int n = watchedRead(in, b, off, want);
                if (n > 0) {
                    offset += n;
                    failuresWithoutProgress = 0;
                    return n;
                }
                if (size < 0 && stalled != in) {
                    return -1;
                }
                failure = new IOException("unexpected EOF at " + offset + " of " + size + " bytes");
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // java.net.http ends an interrupted body read with a plain IOException
                    InterruptedIOException interrupted = new InterruptedIOException("interrupted reading at " + offset);
                    interrupted.initCause(e);
                    throw interrupted;
                }
                failure = e;
            }
            if (in != null && stalled == in) {
                failure = new IOException("no data for " + GoDuration.format(stallTimeout), failure);
            }
            dropCurrent();
            if (++failuresWithoutProgress > MAX_RETRIES) {
                throw new IOException("reading at " + offset + (size >= 0 ? " of " + size : "") + " bytes failed "
                        + failuresWithoutProgress + " times without progress: " + failure.getMessage(), failure);
            }
            backOff(failure);
        }
    }

    private int watchedRead(InputStream in, byte[] b, int off, int len) throws IOException {
        if (watchdog == null) {
            watchdog = Thread.ofVirtual().name("registry-stall-watch").start(this::watch);
        }
        waitingSince = System.nanoTime() | 1; // never 0
        try {
            return in.read(b, off, len);
        } finally {
            waitingSince = 0;
        }
    }

    /** Until closed: drops the connection under a read that has waited longer than the stall timeout. */
    private void watch() {
        long timeout = stallTimeout.toNanos();
        long period = Math.max(timeout / 4, MIN_WATCH_PERIOD_NANOS);
        try {
            while (!closed) {
                Thread.sleep(Duration.ofNanos(period));
                long since = waitingSince;
                InputStream waitedOn = current;
                if (since != 0 && System.nanoTime() - since > timeout && waitedOn != null) {
                    stalled = waitedOn;
                    closeQuietly(waitedOn); // the read returns or throws; the reader goes on as after a reset
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** The first retry is immediate (a dropped keep-alive connection); later ones wait 100 ms, then 200 ms. */
    private void backOff(IOException failure) throws IOException {
        if (failuresWithoutProgress < 2) {
            return;
        }
        try {
            Thread.sleep(100L << (failuresWithoutProgress - 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while resuming at " + offset);
            interrupted.initCause(failure);
            throw interrupted;
        }
    }

    private InputStream stream() throws IOException {
        if (current == null) {
            try {
                current = opener.open(offset);
            } catch (ErrdefsException e) {
                throw new IOException("failed to reopen at " + offset + ": " + e.getMessage(), e);
            }
        }
        return current;
    }

    private void dropCurrent() {
        InputStream dropped = current;
        if (dropped != null) {
            current = null;
            closeQuietly(dropped);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the connection is already broken
        }
    }

    @Override
    public void close() {
        closed = true;
        if (watchdog != null) {
            watchdog.interrupt();
        }
        dropCurrent();
    }
}
