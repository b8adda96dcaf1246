package io.jcontainerd.ttrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameHeaderTest {

    @Test
    void encodesBigEndianLengthStreamIdTypeAndFlags() {
        ByteBuffer wire = FrameHeader.of(0x0A0B0C0D, FrameHeader.TYPE_RESPONSE, 0x01020304).encode();

        assertThat(bytes(wire)).containsExactly(
                0x01, 0x02, 0x03, 0x04, // length
                0x0A, 0x0B, 0x0C, 0x0D, // stream id
                0x02, // type: response
                0x00); // flags
    }

    @Test
    void encodesARequestOnStreamOne() {
        assertThat(bytes(FrameHeader.of(1, FrameHeader.TYPE_REQUEST, 5).encode()))
                .containsExactly(0, 0, 0, 5, 0, 0, 0, 1, 1, 0);
    }

    @Test
    void decodesUnsignedFieldsAndFlags() {
        byte[] wire = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, (byte) 0x80, 0, 0, 3, 7, 9};

        FrameHeader header = FrameHeader.decode(ByteBuffer.wrap(wire));

        assertThat(header.length()).isEqualTo(0xFFFF_FFFEL);
        assertThat(Integer.toUnsignedLong(header.streamId())).isEqualTo(0x8000_0003L);
        assertThat(header.type()).isEqualTo((byte) 7);
        assertThat(header.flags()).isEqualTo((byte) 9);
        assertThat(header.oversized()).isTrue();
    }

    @Test
    void decodeReversesEncode() {
        FrameHeader header = new FrameHeader(4 << 20, -1, FrameHeader.TYPE_REQUEST, (byte) 0);

        assertThat(FrameHeader.decode(header.encode())).isEqualTo(header);
        assertThat(header.oversized()).as("exactly 4 MiB is allowed").isFalse();
    }

    @Test
    void rejectsLengthsOutsideUint32() {
        assertThatThrownBy(() -> new FrameHeader(1L << 32, 1, FrameHeader.TYPE_REQUEST, (byte) 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] bytes(ByteBuffer buffer) {
        int[] out = new int[buffer.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.get() & 0xFF;
        }
        return out;
    }
}
