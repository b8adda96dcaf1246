package io.jcontainerd.plugins.diff;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdInputStream;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.sys.inflate.Gunzip;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * The compressions a layer blob may have, told apart by their magic bytes as containerd's
 * {@code compression.DetectCompression} does (the media type is not trusted; the diff ID of the
 * result is the final arbiter). gzip may be several concatenated members, as Go reads it, and is
 * decoded by ISA-L where installed ({@link Gunzip}). zstd is
 * decoded in pure Java (aircompressor), with skippable frames dropped and windows capped (see
 * {@link ZstdFrameFilter}).
 */
public enum LayerCompression {
    UNCOMPRESSED,
    GZIP,
    ZSTD;

    private static final int SNIFF_BYTES = 4;
    private static final int ZSTD_MAGIC = 0xfd2fb528;
    private static final int ZSTD_SKIPPABLE_MAGIC = 0x184d2a50;
    private static final int ZSTD_SKIPPABLE_MASK = 0xfffffff0;

    /** {@return the compression of the bytes at the start of {@code in}} (which must support mark) */
    public static LayerCompression detect(InputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        if (head.length >= 3 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b && head[2] == 8) {
            return GZIP;
        }
        if (head.length == SNIFF_BYTES) {
            int magic = (head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16 | (head[3] & 0xff) << 24;
            if (magic == ZSTD_MAGIC || (magic & ZSTD_SKIPPABLE_MASK) == ZSTD_SKIPPABLE_MAGIC) {
                return ZSTD;
            }
        }
        return UNCOMPRESSED;
    }

    /**
     * {@return the uncompressed tar of a layer blob, whatever its compression} Corrupt or truncated
     * compressed data reads as an INVALID_ARGUMENT {@link io.jcontainerd.core.errdefs.ErrdefsException}.
     */
    public static InputStream decompressed(InputStream blob) throws IOException {
        InputStream in = blob.markSupported() ? blob : new BufferedInputStream(blob);
        return switch (detect(in)) {
            case UNCOMPRESSED -> in;
            case GZIP -> new CorruptionAsInvalid(Gunzip.open(in), "gzip");
            case ZSTD -> new CorruptionAsInvalid(new ZstdInputStream(new ZstdFrameFilter(in)), "zstd");
        };
    }

    /** Turns the decoders' complaints about their input into errors that say the layer is bad. */
    private static final class CorruptionAsInvalid extends FilterInputStream {
        private final String format;

        CorruptionAsInvalid(InputStream in, String format) {
            super(in);
            this.format = format;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (ZipException | EOFException | MalformedInputException | IllegalStateException e) {
                throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT,
                        "corrupt " + format + " layer: " + e.getMessage() + ": invalid argument", e);
            }
        }

        /** Skipping reads, so that corruption in skipped data is reported the same way. */
        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }
    }
}
