package io.jcontainerd.plugins.diff;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with RESOURCE_EXHAUSTED once more than a set number of bytes have been read. */
final class CappedInputStream extends FilterInputStream {
    private final long cap;
    private long count;

    CappedInputStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        if (skipped > 0) {
            add(skipped);
        }
        return skipped;
    }

    /** Counting cannot be undone, so no mark/reset. */
    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(long n) {
        count += n;
        if (count > cap) {
            throw new ErrdefsException(ErrorKind.RESOURCE_EXHAUSTED,
                    "layer is larger than the limit of " + cap + " uncompressed bytes: resource exhausted");
        }
    }
}
