package io.jcontainerd.sys.inflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GunzipTest {
    @BeforeAll
    static void isalDecodes() {
        assertThat(Isal.get().isPresent()).as("libisal.so.2 (scripts/setup.sh installs libisal2) loads and passes its self-test")
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

    /** Extra field, name, comment and header CRC, read one byte at a time: the header is never whole in one call. */
    @Test
    void membersWithEveryOptionalHeaderFieldDecodeAsTheJdkDecodesThem() throws IOException {
        Random random = new Random(3);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(member(data(random, 400_000), new byte[300], "layer.tar", "made by gzip", true));
        stream.write(member(data(random, 400_000), new byte[0], null, null, true));
        stream.write(member(data(random, 400_000), new byte[] {'S', 'G', 2, 0, 7, 7}, "n", null, false));
        byte[] gzip = stream.toByteArray();
        byte[] expected = new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes();
        InputStream oneByteReads = new FilterInputStream(new ByteArrayInputStream(gzip)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        try (InputStream in = Gunzip.open(oneByteReads)) {
            assertThat(in.readAllBytes()).isEqualTo(expected);
        }
    }

    @Test
    void aWrongHeaderCrcOrMethodIsRefused() throws IOException {
        byte[] badHeaderCrc = member("x".repeat(100).getBytes(), new byte[4], "name", null, true);
        badHeaderCrc[10 + 2 + 4 + 1] ^= 1; // a byte of the name, after the fixed header and the extra field
        byte[] notDeflate = gzip("x".getBytes(), 6);
        notDeflate[2] = 7;
        for (byte[] bad : new byte[][] {badHeaderCrc, notDeflate}) {
            try (InputStream in = Gunzip.open(new ByteArrayInputStream(bad))) {
                assertThatThrownBy(in::readAllBytes).isInstanceOf(ZipException.class);
            }
        }
    }

    /** After a member, what looks like a header and is not one ends the stream, as in the JDK. */
    @Test
    void aBrokenHeaderAfterAMemberEndsTheStream() throws IOException {
        byte[] data = "layer".repeat(1000).getBytes();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(gzip(data, 6));
        stream.write(new byte[] {0x1f, (byte) 0x8b, 7, 0, 0});
        try (InputStream in = Gunzip.open(new ByteArrayInputStream(stream.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
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

    /** A member with the optional header fields given (RFC 1952), its data deflated at level 6. */
    private static byte[] member(byte[] data, byte[] extra, String name, String comment, boolean headerCrc) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int flags = (extra.length > 0 ? 4 : 0) | (name != null ? 8 : 0) | (comment != null ? 16 : 0) | (headerCrc ? 2 : 0);
        header.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
        if (extra.length > 0) {
            header.writeBytes(new byte[] {(byte) extra.length, (byte) (extra.length >> 8)});
            header.writeBytes(extra);
        }
        for (String text : new String[] {name, comment}) {
            if (text != null) {
                header.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
                header.write(0);
            }
        }
        if (headerCrc) {
            CRC32 crc = new CRC32();
            crc.update(header.toByteArray());
            header.writeBytes(new byte[] {(byte) crc.getValue(), (byte) (crc.getValue() >> 8)});
        }
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[64 << 10];
        while (!deflater.finished()) {
            header.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt(data.length);
        header.writeBytes(trailer.array());
        return header.toByteArray();
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
