package io.jcontainerd.core.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** A sequential view of a {@link ReaderAt} from an offset, keeping its own position. */
final class ReaderAtInputStream extends InputStream {
    private final ReaderAt reader;
    private long position;

    ReaderAtInputStream(ReaderAt reader, long offset) {
        this.reader = reader;
        this.position = offset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = reader.read(ByteBuffer.wrap(b, off, len), position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.clamp(n, 0, Math.max(0, reader.size() - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, reader.size() - position));
    }
}
