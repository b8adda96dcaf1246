package io.jcontainerd.sys.inflate;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.ZipException;

/**
 * Reads past a gzip member's header (RFC 1952) as {@link java.util.zip.GZIPInputStream} does:
 * deflate only, the optional extra field, name and comment skipped, the header CRC checked. ISA-L
 * parses headers itself, but 2.30 loses track of the optional fields when they are split between
 * two calls, so it is given the deflate data and the trailer only.
 */
final class GzipHeader {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    /** MTIME (4), XFL and OS, after ID1 ID2 CM FLG. */
    private static final int FIXED_TAIL_BYTES = 6;

    /** The bytes of the stream, one at a time; -1 at its end. */
    @FunctionalInterface
    interface Bytes {
        int next() throws IOException;
    }

    private GzipHeader() {
    }

    /**
     * Consumes one header from {@code in}.
     *
     * @throws ZipException  not gzip, a method other than deflate, or a wrong header CRC
     * @throws EOFException  the stream ends inside the header
     */
    static void skip(Bytes in) throws IOException {
        CRC32 crc = new CRC32();
        if (next(in, crc) != 0x1f || next(in, crc) != 0x8b) {
            throw new ZipException("Not in GZIP format");
        }
        if (next(in, crc) != 8) {
            throw new ZipException("Unsupported compression method");
        }
        int flags = next(in, crc);
        skip(in, crc, FIXED_TAIL_BYTES);
        if ((flags & FEXTRA) != 0) {
            skip(in, crc, next(in, crc) | next(in, crc) << 8);
        }
        if ((flags & FNAME) != 0) {
            skipString(in, crc);
        }
        if ((flags & FCOMMENT) != 0) {
            skipString(in, crc);
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) crc.getValue() & 0xffff;
            if ((next(in, crc) | next(in, crc) << 8) != expected) {
                throw new ZipException("Corrupt GZIP header");
            }
        }
    }

    private static void skip(Bytes in, CRC32 crc, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            next(in, crc);
        }
    }

    private static void skipString(Bytes in, CRC32 crc) throws IOException {
        while (next(in, crc) != 0) {
            // up to the terminating zero
        }
    }

    private static int next(Bytes in, CRC32 crc) throws IOException {
        int b = in.next();
        if (b < 0) {
            throw new EOFException("Unexpected end of ZLIB input stream");
        }
        crc.update(b);
        return b;
    }
}
