package io.jcontainerd.plugins.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** The reader reads what Go's archive/tar reads, as Go reads it. */
class TarReaderTest {

    @Test
    void gnuLongNamesAndLinkNames() throws Exception {
        String longName = "dir/" + "x".repeat(150);
        String longTarget = "target/" + "y".repeat(150);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            TarArchiveEntry e = new TarArchiveEntry(longName, TarConstants.LF_SYMLINK);
            e.setLinkName(longTarget);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }
        List<TarEntry> entries = read(out.toByteArray());
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(text(e.name())).isEqualTo(longName);
            assertThat(text(e.linkName())).isEqualTo(longTarget);
            assertThat(e.type()).isEqualTo(EntryType.SYMLINK);
        });
    }

    @Test
    void ustarPrefixesArePartOfTheName() throws Exception {
        byte[] tar = RawTar.tar().header("file", '0', 0, 0644, 0, 0, "").prefix("some/long/dir").end().bytes();
        assertThat(text(read(tar).getFirst().name())).isEqualTo("some/long/dir/file");
    }

    @Test
    void base256NumbersAreRead() throws Exception {
        byte[] tar = RawTar.tar().headerWithBinary("big", '0', 108, 8, 5_000_000_000L).end().bytes();
        assertThat(read(tar).getFirst().uid()).isEqualTo(5_000_000_000L);
        byte[] negative = RawTar.tar().headerWithBinary("neg", '0', 116, 8, -7).end().bytes();
        assertThat(read(negative).getFirst().gid()).isEqualTo(-7);
    }

    @Test
    void anOldStyleRegularFileNamedWithASlashIsADirectory() throws Exception {
        byte[] tar = RawTar.tar().header("olddir/", '\0', 0, 0755, 0, 0, "").header("oldfile", '\0', 0, 0644, 0, 0, "")
                .end().bytes();
        assertThat(read(tar)).extracting(TarEntry::type).containsExactly(EntryType.DIRECTORY, EntryType.REGULAR);
    }

    @Test
    void headerOnlyTypesCarryNoDataWhateverTheirSizeSays() throws Exception {
        byte[] tar = RawTar.tar().header("d/", '5', 1024, 0755, 0, 0, "")
                .header("f", '0', 3, 0644, 0, 0, "").data("abc".getBytes(StandardCharsets.UTF_8)).end().bytes();
        List<TarEntry> entries = read(tar);
        assertThat(entries).extracting(e -> text(e.name())).containsExactly("d/", "f");
        assertThat(entries.getFirst().size()).as("the size as stated").isEqualTo(1024);
    }

    @Test
    void paxRecordsOverrideTheHeaderAndGlobalHeadersAreSkipped() throws Exception {
        byte[] tar = RawTar.tar()
                .header("PaxHeaders/global", 'g', 0, 0644, 0, 0, "")
                .pax("path", "from/pax", "uid", "4000000000", "mtime", "-1.5", "linkpath", "to/pax")
                .header("ignored", '2', 0, 0777, 1, 1, "ignored")
                .end().bytes();
        TarEntry e = read(tar).getFirst();
        assertThat(text(e.name())).isEqualTo("from/pax");
        assertThat(text(e.linkName())).isEqualTo("to/pax");
        assertThat(e.uid()).isEqualTo(4_000_000_000L);
        assertThat(e.mtime()).isEqualTo(Instant.ofEpochSecond(-2, 500_000_000));
    }

    @Test
    void aChecksumComputedOverSignedBytesIsAccepted() throws Exception {
        byte[] tar = RawTar.tar().header("caf\u00e9", '0', 0, 0644, 0, 0, "").end().bytes();
        long signed = 0;
        for (int i = 0; i < 512; i++) {
            signed += i >= 148 && i < 156 ? ' ' : tar[i];
        }
        System.arraycopy(String.format("%06o\0 ", signed).getBytes(StandardCharsets.US_ASCII), 0, tar, 148, 8);
        assertThat(text(read(tar).getFirst().name())).isEqualTo("caf\u00e9");
    }

    @Test
    void malformedInputIsAnInvalidArchive() {
        assertInvalid(RawTar.tar().raw("12 path=a\n".getBytes(StandardCharsets.US_ASCII)).bytes(), "unexpected EOF in a header");
        byte[] badPax = RawTar.tar().header("PaxHeaders/x", 'x', 9, 0644, 0, 0, "")
                .data("99 a=b\n\0\0".getBytes(StandardCharsets.US_ASCII)).end().bytes();
        assertInvalid(badPax, "malformed PAX record");
        assertInvalid(RawTar.tar().header("f", '0', 0, 0644, 0, 0, "").set(100, (byte) '9').end().bytes(),
                "malformed mode field");
        assertInvalid(RawTar.tar().pax("size", "-5").header("f", '0', 0, 0644, 0, 0, "").end().bytes(), "negative size");
        assertInvalid(RawTar.tar().pax("mtime", "yesterday").header("f", '0', 0, 0644, 0, 0, "").end().bytes(),
                "PAX mtime is not a time");
    }

    private static void assertInvalid(byte[] tar, String message) {
        assertThatThrownBy(() -> read(tar))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining(message);
    }

    private static List<TarEntry> read(byte[] tar) throws IOException {
        TarReader reader = new TarReader(new ByteArrayInputStream(tar));
        List<TarEntry> entries = new ArrayList<>();
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
            entries.add(e);
        }
        return entries;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
