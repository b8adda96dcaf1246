package io.jcontainerd.ttrpc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fixed header in front of every ttrpc message: big-endian uint32 payload length, uint32
 * stream id, uint8 message type, uint8 flags (reserved, sent as 0).
 *
 * @param length payload length in bytes, unsigned 32-bit (hence a {@code long})
 * @param streamId stream id, unsigned 32-bit kept in an {@code int}'s bits
 * @param type {@link #TYPE_REQUEST}, {@link #TYPE_RESPONSE}, or an unknown type to ignore
 * @param flags reserved
 */
record FrameHeader(long length, int streamId, byte type, byte flags) {
    static final int LENGTH = 10;
    /** Largest payload a peer accepts (4 MiB); upstream discards bigger ones. */
    static final int MAX_MESSAGE_LENGTH = 4 << 20;
    static final byte TYPE_REQUEST = 1;
    static final byte TYPE_RESPONSE = 2;

    FrameHeader {
        if (length < 0 || length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("length out of uint32 range: " + length);
        }
    }

    static FrameHeader of(int streamId, byte type, int length) {
        return new FrameHeader(length, streamId, type, (byte) 0);
    }

    /** Reads a header from the next {@link #LENGTH} bytes of {@code buffer}. */
    static FrameHeader decode(ByteBuffer buffer) {
        ByteBuffer b = buffer.order(ByteOrder.BIG_ENDIAN);
        long length = Integer.toUnsignedLong(b.getInt());
        int streamId = b.getInt();
        return new FrameHeader(length, streamId, b.get(), b.get());
    }

    /** {@return this header as its {@link #LENGTH} wire bytes, ready to read} */
    ByteBuffer encode() {
        return ByteBuffer.allocate(LENGTH)
                .putInt((int) length)
                .putInt(streamId)
                .put(type)
                .put(flags)
                .flip();
    }

    boolean oversized() {
        return length > MAX_MESSAGE_LENGTH;
    }
}
