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

    /**
     * {@return bytes {@code [offset, offset + size)} of this blob as a blob of their own, read
     * through this reader; closing it does not close this reader}
     *
     * @throws IllegalArgumentException if the range is not within the blob
     */
    default ReaderAt slice(long offset, long size) {
        if (offset < 0 || size < 0 || offset > size() - size) {
            throw new IllegalArgumentException("range " + offset + "+" + size + " outside blob of " + size() + " bytes");
        }
        ReaderAt whole = this;
        return new ReaderAt() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                if (position >= size) {
                    return -1;
                }
                ByteBuffer window = dst.slice().limit((int) Math.min(dst.remaining(), size - position));
                int n = whole.read(window, offset + position);
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }

            @Override
            public void close() {
                // the whole blob's reader stays open
            }
        };
    }
}
