package io.jcontainerd.registry;

import io.jcontainerd.core.errdefs.ErrdefsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * Content read over HTTP from an offset on, as upstream's {@code httpReadSeeker}: when the
 * connection drops (an IO error, or the body ending before the known size) the stream reopens at
 * the offset reached and goes on; after {@link #MAX_RETRIES} failures in a row without a byte of
 * progress it gives up. It never reads past the known size, so a server sending more cannot make
 * the content longer than its descriptor.
 */
final class ResumingInputStream extends InputStream {
    static final int MAX_RETRIES = 3;

    /** Opens the content at an offset. */
    @FunctionalInterface
    interface Opener {
        InputStream open(long offset);
    }

    private final long size;
    private final Opener opener;
    private long offset;
    private InputStream current;
    private int failuresWithoutProgress;
    private boolean closed;

    /**
     * @param size    the content's size, or -1 when unknown (then EOF is believed)
     * @param first   the body already opened at {@code offset}, or null to open lazily
     */
    ResumingInputStream(long size, long offset, InputStream first, Opener opener) {
        this.size = size;
        this.offset = offset;
        this.current = first;
        this.opener = opener;
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
            try {
                int n = stream().read(b, off, want);
                if (n > 0) {
                    offset += n;
                    failuresWithoutProgress = 0;
                    return n;
                }
                if (size < 0) {
                    return -1;
                }
                failure = new IOException("unexpected EOF at " + offset + " of " + size + " bytes");
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                failure = e;
            }
            dropCurrent();
            if (++failuresWithoutProgress > MAX_RETRIES) {
                throw new IOException("reading at " + offset + (size >= 0 ? " of " + size : "") + " bytes failed "
                        + failuresWithoutProgress + " times without progress: " + failure.getMessage(), failure);
            }
            backOff(failure);
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
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // the connection is already broken
            }
            current = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        dropCurrent();
    }
}
