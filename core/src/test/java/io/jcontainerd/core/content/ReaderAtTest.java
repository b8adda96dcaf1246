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
}
