package io.jcontainerd.plugins.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.zstd.ZstdOutputStream;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Layer blobs are told apart by magic bytes and decoded; corrupt ones are invalid layers (L29-L32). */
class LayerCompressionTest {
    private static final byte[] TAR = Layer.tar().file("hello", "hello world", 0644).bytes();

    @Test
    void detectsByMagicNotByWhatTheMediaTypeClaims() throws Exception {
        assertThat(detect(gzip(TAR))).isEqualTo(LayerCompression.GZIP);
        assertThat(detect(zstd(TAR))).isEqualTo(LayerCompression.ZSTD);
        assertThat(detect(concat(skippableFrame(8), zstd(TAR)))).isEqualTo(LayerCompression.ZSTD);
        assertThat(detect(TAR)).isEqualTo(LayerCompression.UNCOMPRESSED);
        assertThat(detect(new byte[] {0x1f})).isEqualTo(LayerCompression.UNCOMPRESSED);
        assertThat(detect(new byte[0])).isEqualTo(LayerCompression.UNCOMPRESSED);
    }

    @Test
    void decodesEachCompressionToTheSameTar() throws Exception {
        assertThat(decode(TAR)).isEqualTo(TAR);
        assertThat(decode(gzip(TAR))).isEqualTo(TAR);
        assertThat(decode(zstd(TAR))).isEqualTo(TAR);
    }

    @Test
    void concatenatedGzipMembersAndZstdFramesAreOneStream() throws Exception {
        byte[] half = Arrays.copyOf(TAR, 700);
        byte[] rest = Arrays.copyOfRange(TAR, 700, TAR.length);
        assertThat(decode(concat(gzip(half), gzip(rest)))).isEqualTo(TAR);
        assertThat(decode(concat(zstd(half), zstd(rest)))).isEqualTo(TAR);
    }

    @Test
    void zstdSkippableFramesAreIgnoredWhereverTheyAre() throws Exception {
        byte[] chunkedStyle = concat(concat(skippableFrame(16), zstd(TAR)), skippableFrame(100));
        assertThat(decode(chunkedStyle)).isEqualTo(TAR);
    }

    @Test
    void truncatedOrCorruptGzipIsAnInvalidLayer() throws Exception {
        byte[] gz = gzip(TAR);
        assertInvalid(Arrays.copyOf(gz, gz.length - 10), "corrupt gzip layer");
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 0x55;
        assertInvalid(badCrc, "corrupt gzip layer");
    }

    @Test
    void truncatedZstdIsAnInvalidLayer() throws Exception {
        byte[] zst = zstd(TAR);
        assertInvalid(Arrays.copyOf(zst, zst.length - 5), "corrupt zstd layer");
    }

    @Test
    void aZstdWindowLargerThanTheCapIsRefusedBeforeDecoding() {
        // frame header: magic, descriptor 0 (window descriptor follows), window log 10+21 = 2 GiB
        byte[] frame = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x00, (byte) (21 << 3), 1, 0, 0};
        assertInvalid(frame, "zstd layer needs a window of 2147483648 bytes, more than the limit of 134217728");
        // single-segment frame whose content size (the window) is 1 GiB
        byte[] single = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, (byte) 0xa0, 0, 0, 0, 0x40, 1, 0, 0};
        assertInvalid(single, "zstd layer needs a window of 1073741824 bytes");
    }

    private static void assertInvalid(byte[] blob, String message) {
        assertThatThrownBy(() -> decode(blob))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining(message);
    }

    private static LayerCompression detect(byte[] blob) throws IOException {
        return LayerCompression.detect(new BufferedInputStream(new ByteArrayInputStream(blob)));
    }

    private static byte[] decode(byte[] blob) throws IOException {
        try (InputStream in = LayerCompression.decompressed(new ByteArrayInputStream(blob))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream zs = new ZstdOutputStream(out)) {
            zs.write(data);
        }
        return out.toByteArray();
    }

    /** A skippable frame (magic 0x184D2A5?, little-endian size, payload). */
    private static byte[] skippableFrame(int size) {
        byte[] frame = new byte[8 + size];
        frame[0] = 0x5e;
        frame[1] = 0x2a;
        frame[2] = 0x4d;
        frame[3] = 0x18;
        frame[4] = (byte) size;
        Arrays.fill(frame, 8, frame.length, (byte) 0xaa);
        return frame;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return LayerApplierTest.concat(a, b);
    }
}
