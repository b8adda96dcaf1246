package io.jcontainerd.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class TarWriterTest {
    /** Go's archive/tar header for {@code blobs/} as ctr 1.6's export writes it (from {@code od} of its output). */
    private static byte[] goBlobsDirectoryHeader() {
        byte[] h = new byte[512];
        put(h, 0, "blobs/");
        put(h, 100, "0000755\0" + "0000000\0" + "0000000\0" + "00000000000\0" + "00000000000\0" + "010306\0 " + "5");
        put(h, 257, "ustar\0" + "00");
        put(h, 329, "0000000\0" + "0000000\0");
        return h;
    }

    private static void put(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }

    @Test
    void headersAreGosBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out);
        tar.writeHeader("blobs/", 0755, 0, TarWriter.TYPE_DIRECTORY);
        tar.finish();
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 512)).isEqualTo(goBlobsDirectoryHeader());
        // two zero blocks end it, with no padding to a 10 KiB record
        assertThat(bytes).hasSize(3 * 512);
        assertThat(Arrays.copyOfRange(bytes, 512, bytes.length)).containsOnly(0);
    }

    @Test
    void entriesArePaddedAndReadBack() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out);
        byte[] content = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
        tar.writeHeader("oci-layout", 0444, content.length, TarWriter.TYPE_REGULAR);
        tar.entry().write(content);
        String longName = "blobs/" + "d".repeat(60) + "/" + "f".repeat(90);
        tar.writeHeader(longName, 0644, 0, TarWriter.TYPE_REGULAR);
        tar.finish();
        assertThat(out.size()).isEqualTo(512 + 512 + 512 + 1024);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry first = in.getNextEntry();
            assertThat(first.getName()).isEqualTo("oci-layout");
            assertThat(first.getMode()).isEqualTo(0444);
            assertThat(in.readAllBytes()).isEqualTo(content);
            TarArchiveEntry second = in.getNextEntry();
            assertThat(second.getName()).isEqualTo(longName);
            assertThat(in.getNextEntry()).isNull();
        }
    }

    @Test
    void writingMoreOrLessThanTheSizeFailsLikeGo() throws IOException {
        TarWriter tar = new TarWriter(new ByteArrayOutputStream());
        tar.writeHeader("a", 0444, 3, TarWriter.TYPE_REGULAR);
        assertThatThrownBy(() -> tar.entry().write(new byte[4])).hasMessage("archive/tar: write too long");

        TarWriter shortOne = new TarWriter(new ByteArrayOutputStream());
        shortOne.writeHeader("a", 0444, 3, TarWriter.TYPE_REGULAR);
        shortOne.entry().write(new byte[1]);
        assertThatThrownBy(shortOne::finish).hasMessage("archive/tar: missed writing 2 bytes");
    }

    @Test
    void namesThatFitNoUstarHeaderAreRefused() {
        TarWriter tar = new TarWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> tar.writeHeader("blobs/sha512/" + "a".repeat(128), 0444, 0, TarWriter.TYPE_REGULAR))
                .isInstanceOf(IOException.class);
    }
}
