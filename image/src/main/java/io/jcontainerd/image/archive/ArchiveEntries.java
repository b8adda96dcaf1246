package io.jcontainerd.image.archive;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The entries of an image archive, read with commons-compress but failing where and as Go's
 * {@code archive/tar} (which ctr reads archives with) fails: a header that does not parse is
 * {@code archive/tar: invalid tar header}, a stream that ends inside a header is
 * {@code unexpected EOF} (commons-compress takes a partial last header for the end), and an entry's
 * data that ends early just ends, short of its size, as upstream's copy sees it. Errors of the
 * stream itself pass unchanged.
 */
final class ArchiveEntries {
    private static final int BLOCK = 512;

    private final CountingStream counted;
    private final TarArchiveInputStream tar;
    private final InputStream data;

    ArchiveEntries(InputStream archive) {
        this.counted = new CountingStream(archive);
        this.tar = new TarArchiveInputStream(counted);
        this.data = new FilterInputStream(tar) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    if (counted.isOwn(e)) {
                        throw e;
                    }
                    // truncated: the data ends here, short of its size, which is how readers of it notice
                    return -1;
                }
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    /** {@return the next entry, or null at the end of the archive} */
    TarArchiveEntry next() throws IOException {
        TarArchiveEntry entry;
        try {
            entry = tar.getNextEntry();
        } catch (IOException e) {
            if (counted.isOwn(e)) {
                throw e;
            }
            throw counted.ended() ? unexpectedEof(e) : new IOException("archive/tar: invalid tar header", e);
        }
        if (entry == null && counted.count % BLOCK != 0) {
            throw unexpectedEof(null);
        }
        return entry;
    }

    /** {@return the data of the current entry} */
    InputStream data() {
        return data;
    }

    private static EOFException unexpectedEof(Throwable cause) {
        EOFException e = new EOFException("unexpected EOF");
        e.initCause(cause);
        return e;
    }

    /** Counts what the archive gave and remembers its own failures, to tell them from format errors. */
    private static final class CountingStream extends FilterInputStream {
        private long count;
        private boolean ended;
        private IOException own;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                own = e;
                throw e;
            }
            if (n < 0) {
                ended = true;
            } else {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // read rather than skip, so that the count and the end are seen
            byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(n - skipped, buffer.length));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        boolean ended() {
            return ended;
        }

        boolean isOwn(IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t == own) {
                    return true;
                }
            }
            return false;
        }
    }
}
