package io.jcontainerd.plugins.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The apply's read-ahead hands over exactly the source's bytes, its failures where they happened, and stops when closed. */
class ReadAheadInputStreamTest {
    private static final int CHUNK = ReadAheadInputStream.CHUNK_BYTES;

    @Test
    void readsTheSourceBytesInOrderWhateverTheReadSizes() throws Exception {
        for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 20 * CHUNK + 12345}) {
            byte[] data = random(size);
            try (var in = new ReadAheadInputStream(new ByteArrayInputStream(data), "test-read-ahead")) {
                assertThat(readInOddSizes(in)).as("size %d", size).isEqualTo(data);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void skipCountsOnlyWhatTheSourceHad() throws Exception {
        byte[] data = random(3 * CHUNK + 7);
        try (var in = new ReadAheadInputStream(new ByteArrayInputStream(data), "test-read-ahead")) {
            assertThat(in.read()).isEqualTo(data[0] & 0xff);
            assertThat(in.skip(Long.MAX_VALUE)).isEqualTo(data.length - 1);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aFailureOfTheSourceReachesTheReaderAfterTheBytesBeforeIt() throws Exception {
        byte[] data = random(2 * CHUNK + 100);
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(data), new InputStream() {
            @Override
            public int read() {
                throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "corrupt gzip layer: invalid argument");
            }
        });
        try (var in = new ReadAheadInputStream(failing, "test-read-ahead")) {
            assertThat(in.readNBytes(data.length)).isEqualTo(data);
            assertThatThrownBy(in::read).isInstanceOf(ErrdefsException.class).hasMessageContaining("corrupt gzip");
        }
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        try (var in = new ReadAheadInputStream(broken, "test-read-ahead")) {
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("disk on fire");
        }
    }

    @Test
    void closingStopsTheReadingThreadAndClosesTheSource() throws Exception {
        AtomicBoolean sourceClosed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 7;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 7);
                return len;
            }

            @Override
            public void close() {
                sourceClosed.set(true);
            }
        };
        var in = new ReadAheadInputStream(endless, "test-read-ahead-endless");
        assertThat(in.read()).isEqualTo(7);
        in.close();
        assertThat(sourceClosed).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-read-ahead-endless"));
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }

    @Test
    void anInterruptedReaderSeesACancellation() throws Exception {
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return -1;
            }
        };
        try (var in = new ReadAheadInputStream(stalled, "test-read-ahead-stalled")) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(in::read).isInstanceOf(ErrdefsException.class)
                    .satisfies(e -> assertThat(((ErrdefsException) e).kind()).isEqualTo(ErrorKind.CANCELED));
        } finally {
            Thread.interrupted();
        }
    }

    private static byte[] readInOddSizes(InputStream in) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[CHUNK + 3];
        int[] sizes = {1, 511, 512, 4096, CHUNK + 3, 100_000};
        for (int i = 0; ; i++) {
            int n = in.read(buf, 0, sizes[i % sizes.length]);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buf, 0, n);
        }
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }
}
