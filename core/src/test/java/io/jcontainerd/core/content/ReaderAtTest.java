package io.jcontainerd.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReaderAtTest {
    /** Hands out at most 3 bytes per read, to exercise short reads. */
    record Bytes(byte[] data) implements ReaderAt {
        @Override
        public long size() {
            return data.length;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(3, Math.min(dst.remaining(), data.length - (int) position));
            dst.put(data, (int) position, n);
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void stream_reads_from_the_offset_to_the_end() throws IOException {
        ReaderAt r = new Bytes("0123456789".getBytes());
        try (InputStream in = r.stream(4)) {
            assertThat(in.available()).isEqualTo(6);
            assertThat(in.read()).isEqualTo('4');
            assertThat(in.skip(2)).isEqualTo(2);
            assertThat(new String(in.readAllBytes())).isEqualTo("789");
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.skip(5)).isZero();
        }
        assertThat(r.stream(10).readAllBytes()).isEmpty();
    }

    @Test
    void stream_rejects_offsets_outside_the_blob() {
        ReaderAt r = new Bytes(new byte[4]);
        assertThatThrownBy(() -> r.stream(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.stream(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_slice_reads_its_range_only_and_leaves_the_whole_open() throws IOException {
        ReaderAt whole = new Bytes("0123456789".getBytes());
        ReaderAt slice = whole.slice(2, 5);
        assertThat(slice.size()).isEqualTo(5);
        try (InputStream in = slice.stream(0)) {
            assertThat(new String(in.readAllBytes())).isEqualTo("23456");
        }
        ByteBuffer buffer = ByteBuffer.allocate(10);
        buffer.put((byte) 'x');
        assertThat(slice.read(buffer, 3)).as("short reads of the whole pass through").isEqualTo(2);
        assertThat(new String(buffer.array(), 0, buffer.position())).isEqualTo("x56");
        assertThat(slice.read(buffer, 5)).isEqualTo(-1);
        slice.close();
        try (InputStream in = whole.stream(8)) {
            assertThat(new String(in.readAllBytes())).isEqualTo("89");
        }
        assertThat(whole.slice(10, 0).size()).isZero();
        assertThatThrownBy(() -> whole.slice(6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> whole.slice(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
