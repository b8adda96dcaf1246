package io.jcontainerd.sys.inflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GunzipTest {
    @BeforeAll
    static void isalDecodes() {
        assertThat(Gunzip.byIsal()).as("libisal.so.2 (scripts/setup.sh installs libisal2) loads and passes its self-test")
                .isTrue();
    }

    /** Random members (compressible and not, every level, empty ones) in random read sizes decode as the JDK decodes them. */
    @Test
    void decodesAsTheJdkWhateverTheMembersAndReads() throws IOException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int members = 1 + random.nextInt(3);
            for (int m = 0; m < members; m++) {
                stream.write(gzip(data(random, round % 8 == 0 ? 3_000_000 : 300_000), random.nextInt(10)));
            }
            byte[] gzip = stream.toByteArray();
            byte[] expected = new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes();
            try (InputStream in = Gunzip.open(new Trickle(new ByteArrayInputStream(gzip), random))) {
                assertThat(readInRandomSizes(in, random)).as("seed %d round %d", seed, round).isEqualTo(expected);
            }
        }
    }

    /** Forty output buffers from a few hundred bytes of input. */
    @Test
    void aSmallInputThatDecodesToManyBuffersComesOutWhole() throws IOException {
        byte[] zeros = new byte[40 * IsalGunzipStream.BUFFER_BYTES + 17];
        try (InputStream in = Gunzip.open(new ByteArrayInputStream(gzip(zeros, 9)))) {
            assertThat(in.readAllBytes()).isEqualTo(zeros);
        }
    }

    @Test
    void bytesAfterTheLastMemberThatStartNoOtherAreIgnoredAsTheJdkDoes() throws IOException {
        byte[] data = "layer".repeat(1000).getBytes();
        byte[] gzip = gzip(data, 6);
        byte[] trailing = Arrays.copyOf(gzip, gzip.length + 5);
        try (InputStream in = Gunzip.open(new ByteArrayInputStream(trailing))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void aStreamCutShortIsAnEndOfFile() throws IOException {
        byte[] gzip = gzip(data(new Random(1), 500_000), 6);
        for (int cut : new int[] {5, gzip.length / 2, gzip.length - 4, gzip.length - 1}) {
            try (InputStream in = Gunzip.open(new ByteArrayInputStream(Arrays.copyOf(gzip, cut)))) {
                assertThatThrownBy(in::readAllBytes).as("cut at %d of %d", cut, gzip.length).isInstanceOf(EOFException.class);
            }
        }
    }

    @Test
    void badDataAndBadTrailersAreRefused() throws IOException {
        byte[] data = data(new Random(2), 200_000);
        byte[] corrupt = gzip(data, 6);
        for (int i = 20; i < corrupt.length - 20; i += 97) {
            corrupt[i] ^= (byte) 0x5a;
        }
        byte[] badSize = gzip(data, 6);
        badSize[badSize.length - 1] ^= 1;
        byte[] badHeader = gzip(data, 6);
        badHeader[2] = 7; // a compression method other than deflate
        for (byte[] bad : new byte[][] {corrupt, badSize, badHeader}) {
            try (InputStream in = Gunzip.open(new ByteArrayInputStream(bad))) {
                assertThatThrownBy(in::readAllBytes).isInstanceOf(ZipException.class);
            }
        }
    }

    @Test
    void closingClosesTheSource() throws IOException {
        boolean[] closed = {false};
        InputStream source = new FilterInputStream(new ByteArrayInputStream(gzip(new byte[10], 6))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Gunzip.open(source).close();
        assertThat(closed[0]).isTrue();
    }

    private static byte[] data(Random random, int maxSize) {
        byte[] data = new byte[random.nextInt(maxSize + 1)];
        if (random.nextBoolean()) {
            random.nextBytes(data);
        } else {
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ('a' + random.nextInt(random.nextBoolean() ? 4 : 26));
            }
        }
        return data;
    }

    private static byte[] gzip(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(level == 0 ? Deflater.NO_COMPRESSION : level);
            }
        }) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] readInRandomSizes(InputStream in, Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[600_000];
        while (true) {
            if (random.nextInt(10) == 0) {
                int one = in.read();
                if (one < 0) {
                    return out.toByteArray();
                }
                out.write(one);
                continue;
            }
            int n = in.read(buffer, 0, 1 + random.nextInt(buffer.length));
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
        }
    }

    /** Hands out the source's bytes a few at a time, as a network stream does. */
    private static final class Trickle extends FilterInputStream {
        private final Random random;

        Trickle(InputStream in, Random random) {
            super(in);
            this.random = random;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(random.nextBoolean() ? 7 : 70_000)));
        }
    }
}
