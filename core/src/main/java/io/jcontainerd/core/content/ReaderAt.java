package io.jcontainerd.core.content;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Random access to one blob, like upstream's {@code content.ReaderAt}: positional reads that keep
 * no cursor, so several threads may read one blob at different offsets.
 */
public interface ReaderAt extends Closeable {
    /** {@return the blob's length in bytes} */
    long size();

    /**
     * Reads up to {@code dst.remaining()} bytes starting at {@code position} into {@code dst}.
     *
     * @return the number of bytes read, or -1 when {@code position} is at or past the end
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /**
     * {@return a stream of the blob from {@code offset} to its end; closing it does not close this reader}
     *
     * @throws IllegalArgumentException if {@code offset} is negative or past the end
     */
    default InputStream stream(long offset) {
        if (offset < 0 || offset > size()) {
            throw new IllegalArgumentException("offset " + offset + " outside blob of " + size() + " bytes");
        }
        return new ReaderAtInputStream(this, offset);
    }
}
