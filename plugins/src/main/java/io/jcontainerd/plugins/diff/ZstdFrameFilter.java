package io.jcontainerd.plugins.diff;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Walks the frame structure of a zstd stream (RFC 8878) in front of the decoder: it passes
 * zstd frames through unchanged, drops skippable frames (which the pure-Java decoder does not know,
 * and which zstd:chunked layers carry), and refuses a frame whose window is larger than
 * {@link #MAX_WINDOW}, so a hostile layer cannot make the decoder allocate gigabytes. The cap is
 * the {@code zstd} tool's own default decoding limit (128 MiB), enough for every compression level
 * ({@code --ultra -22} included) without {@code --long} above 27.
 */
final class ZstdFrameFilter extends InputStream {
    static final long MAX_WINDOW = 1L << 27;
    private static final int ZSTD_MAGIC = 0xfd2fb528;
    private static final int SKIPPABLE_MAGIC = 0x184d2a50;
    private static final int SKIPPABLE_MASK = 0xfffffff0;
    private static final int[] DICTIONARY_ID_BYTES = {0, 1, 2, 4};
    private static final int[] CONTENT_SIZE_BYTES = {0, 2, 4, 8};

    private enum State { FRAME_START, BLOCK_HEADER, CHECKSUM }

    private final InputStream in;
    /** Frame and block headers read but not yet handed on. */
    private final byte[] header = new byte[18];
    private int headerAt;
    private int headerLength;
    /** Block content (or checksum) bytes to hand on as they are. */
    private long passThrough;
    private State state = State.FRAME_START;
    private boolean checksum;

    ZstdFrameFilter(InputStream in) {
        this.in = in;
    }

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
        while (true) {
            if (headerAt < headerLength) {
                int n = Math.min(len, headerLength - headerAt);
                System.arraycopy(header, headerAt, b, off, n);
                headerAt += n;
                return n;
            }
            if (passThrough > 0) {
                int n = in.read(b, off, (int) Math.min(len, passThrough));
                if (n < 0) {
                    throw truncated();
                }
                passThrough -= n;
                return n;
            }
            if (!advance()) {
                return -1;
            }
        }
    }

    /** Reads the next header, or the end of the stream between frames: false then. */
    private boolean advance() throws IOException {
        headerAt = 0;
        headerLength = 0;
        switch (state) {
            case FRAME_START -> {
                byte[] magic = in.readNBytes(4);
                if (magic.length == 0) {
                    return false;
                }
                need(magic, 4);
                int value = (int) littleEndian(magic, 0, 4);
                if ((value & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
                    skipFrame();
                } else if (value == ZSTD_MAGIC) {
                    frameHeader(magic);
                } else {
                    throw Errdefs.invalidArgument("corrupt zstd layer: not a zstd frame");
                }
            }
            case BLOCK_HEADER -> {
                byte[] block = need(in.readNBytes(3), 3);
                int bits = (int) littleEndian(block, 0, 3);
                boolean last = (bits & 1) != 0;
                int type = (bits >> 1) & 3;
                int size = bits >>> 3;
                if (type == 3) {
                    throw Errdefs.invalidArgument("corrupt zstd layer: reserved block type");
                }
                emit(block);
                passThrough = type == 1 ? 1 : size; // an RLE block holds one byte
                if (last) {
                    state = checksum ? State.CHECKSUM : State.FRAME_START;
                }
            }
            case CHECKSUM -> {
                passThrough = 4;
                state = State.FRAME_START;
            }
        }
        return true;
    }

    private void skipFrame() throws IOException {
        long size = littleEndian(need(in.readNBytes(4), 4), 0, 4);
        long skipped = in.skip(size);
        while (skipped < size) {
            if (in.read() < 0) {
                throw truncated();
            }
            skipped++;
        }
    }

    private void frameHeader(byte[] magic) throws IOException {
        emit(magic);
        int descriptor = need(in.readNBytes(1), 1)[0] & 0xff;
        emit(new byte[] {(byte) descriptor});
        int contentSizeFlag = descriptor >> 6;
        boolean singleSegment = (descriptor & 0x20) != 0;
        checksum = (descriptor & 0x04) != 0;
        long window = 0;
        if (!singleSegment) {
            int windowDescriptor = need(in.readNBytes(1), 1)[0] & 0xff;
            emit(new byte[] {(byte) windowDescriptor});
            long base = 1L << (10 + (windowDescriptor >> 3));
            window = base + (base / 8) * (windowDescriptor & 7);
        }
        emit(need(in.readNBytes(DICTIONARY_ID_BYTES[descriptor & 3]), DICTIONARY_ID_BYTES[descriptor & 3]));
        int contentSizeBytes = contentSizeFlag == 0 ? (singleSegment ? 1 : 0) : CONTENT_SIZE_BYTES[contentSizeFlag];
        byte[] contentSize = need(in.readNBytes(contentSizeBytes), contentSizeBytes);
        emit(contentSize);
        if (singleSegment) {
            window = littleEndian(contentSize, 0, contentSizeBytes) + (contentSizeBytes == 2 ? 256 : 0);
        }
        if (window < 0 || window > MAX_WINDOW) {
            throw Errdefs.invalidArgument("zstd layer needs a window of " + Long.toUnsignedString(window)
                    + " bytes, more than the limit of " + MAX_WINDOW);
        }
        state = State.BLOCK_HEADER;
    }

    private void emit(byte[] bytes) {
        System.arraycopy(bytes, 0, header, headerLength, bytes.length);
        headerLength += bytes.length;
    }

    private static byte[] need(byte[] bytes, int length) {
        if (bytes.length < length) {
            throw truncated();
        }
        return bytes;
    }

    private static long littleEndian(byte[] b, int off, int length) {
        long v = 0;
        for (int i = length - 1; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    private static ErrdefsException truncated() {
        return Errdefs.invalidArgument("corrupt zstd layer: truncated");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
