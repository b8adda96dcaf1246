package io.jcontainerd.sys.inflate;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.zip.ZipException;

/**
 * A gzip stream decoded by ISA-L, read as {@link java.util.zip.GZIPInputStream} reads one:
 * concatenated members one after another, each member's CRC-32 and size checked, anything after
 * a member that does not hold another whole header ignored. Bad data throws {@link ZipException},
 * a stream cut short {@link EOFException}. Headers are read here ({@link GzipHeader}), the deflate
 * data and trailers by ISA-L. The state and both buffers are native, freed on close. One thread
 * at a time reads, not always the one that opened it; close only once no read runs.
 */
final class IsalGunzipStream extends InputStream {
    static final int BUFFER_BYTES = 256 * 1024;

    private final Isal isal;
    private final InputStream in;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment state;
    private final MemorySegment input;
    private final MemorySegment output;
    private final byte[] transfer = new byte[BUFFER_BYTES];
    /** Decoded bytes not handed out yet: {@code output[outputPosition, outputLimit)}. */
    private int outputPosition;
    private int outputLimit;
    /** Whether the first member's header was read. */
    private boolean started;
    private boolean ended;
    private boolean closed;

    IsalGunzipStream(Isal isal, InputStream in) {
        this.isal = isal;
        this.in = in;
        this.state = arena.allocate(Isal.STATE_ALLOCATION, 64);
        this.input = arena.allocate(BUFFER_BYTES, 64);
        this.output = arena.allocate(BUFFER_BYTES, 64);
        setInput(0, 0);
    }

    @Override
    public int read() throws IOException {
        return hasOutput() ? output.get(ValueLayout.JAVA_BYTE, outputPosition++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!hasOutput()) {
            return -1;
        }
        int n = Math.min(len, outputLimit - outputPosition);
        MemorySegment.copy(output, ValueLayout.JAVA_BYTE, outputPosition, b, off, n);
        outputPosition += n;
        return n;
    }

    /** {@return whether decoded bytes wait in the output buffer, decoding more if needed; false at the end} */
    private boolean hasOutput() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (!started) {
            startMember();
            started = true;
        }
        while (outputPosition == outputLimit) {
            if (ended) {
                return false;
            }
            decode();
        }
        return true;
    }

    /**
     * Decodes into the output buffer, reading input as needed; may produce nothing at a member's
     * end. Without input it still runs, to hand out what the library holds back.
     */
    private void decode() throws IOException {
        boolean sourceEnded = availableInput() == 0 && !fillInput();
        int availableBefore = availableInput();
        state.set(ValueLayout.ADDRESS, Isal.NEXT_OUT, output);
        state.set(ValueLayout.JAVA_INT, Isal.AVAIL_OUT, BUFFER_BYTES);
        int result = isal.inflate(state);
        if (result != Isal.DECOMP_OK && result != Isal.END_INPUT) {
            throw new ZipException(message(result));
        }
        outputPosition = 0;
        outputLimit = BUFFER_BYTES - state.get(ValueLayout.JAVA_INT, Isal.AVAIL_OUT);
        if (state.get(ValueLayout.JAVA_INT, Isal.BLOCK_STATE) == Isal.BLOCK_FINISH) {
            nextMember();
        } else if (outputLimit == 0 && availableInput() == availableBefore) {
            // no progress: it needs more than the bytes left
            if (sourceEnded || !moreInput()) {
                throw new EOFException("Unexpected end of ZLIB input stream");
            }
        }
    }

    /** Reads the header of the member that starts at the input, then readies the library for its data. */
    private void startMember() throws IOException {
        GzipHeader.skip(this::nextInputByte);
        long offset = inputOffset();
        int available = availableInput();
        isal.init(state);
        setInput(offset, available);
    }

    /** One member is done: another starts if a whole header follows, else the stream ends (as the JDK's). */
    private void nextMember() throws IOException {
        try {
            if (availableInput() == 0 && !fillInput()) {
                ended = true;
                return;
            }
            startMember();
        } catch (ZipException | EOFException notAnotherMember) {
            ended = true;
        }
    }

    /** {@return the next input byte, reading more when the buffer is used up; -1 at the source's end} */
    private int nextInputByte() throws IOException {
        if (availableInput() == 0 && !fillInput()) {
            return -1;
        }
        long offset = inputOffset();
        int b = input.get(ValueLayout.JAVA_BYTE, offset) & 0xff;
        setInput(offset + 1, availableInput() - 1);
        return b;
    }

    /** {@return where in the input buffer isal_inflate reads next} */
    private long inputOffset() {
        return ((MemorySegment) state.get(ValueLayout.ADDRESS, Isal.NEXT_IN)).address() - input.address();
    }

    private int availableInput() {
        return state.get(ValueLayout.JAVA_INT, Isal.AVAIL_IN);
    }

    /** {@return whether more input was read} after the unread input, moved to the buffer's start */
    private boolean moreInput() throws IOException {
        int available = availableInput();
        MemorySegment.copy(input, inputOffset(), input, 0, available);
        setInput(0, available);
        int read = in.read(transfer, 0, BUFFER_BYTES - available);
        if (read <= 0) {
            return false;
        }
        MemorySegment.copy(transfer, 0, input, ValueLayout.JAVA_BYTE, available, read);
        setInput(0, available + read);
        return true;
    }

    /** {@return whether more input was read} into the emptied input buffer */
    private boolean fillInput() throws IOException {
        int read = in.read(transfer, 0, BUFFER_BYTES);
        if (read <= 0) {
            return false;
        }
        MemorySegment.copy(transfer, 0, input, ValueLayout.JAVA_BYTE, 0, read);
        setInput(0, read);
        return true;
    }

    private void setInput(long offset, int length) {
        state.set(ValueLayout.ADDRESS, Isal.NEXT_IN, input.asSlice(offset));
        state.set(ValueLayout.JAVA_INT, Isal.AVAIL_IN, length);
    }

    private static String message(int result) {
        return switch (result) {
            case -1 -> "invalid block";
            case -2 -> "invalid symbol";
            case -3 -> "invalid distance too far back";
            case -6 -> "corrupt gzip trailer";
            default -> "inflate failed (" + result + ")";
        };
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                arena.close();
            } finally {
                in.close();
            }
        }
    }
}
