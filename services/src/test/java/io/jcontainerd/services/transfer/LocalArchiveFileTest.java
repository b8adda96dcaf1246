package io.jcontainerd.services.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.api.convert.ArchiveFiles;
import io.jcontainerd.api.transfer.ArchiveFile;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArchiveFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFileTheClientNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("a.tar"), "archive bytes");
        try (LocalArchiveFile archive = LocalArchiveFile.open(ArchiveFiles.of(file), false);
             InputStream in = archive.input()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("archive bytes");
        }
    }

    @Test
    void theFileIsAlsoReadAtRandomBesideTheSequentialRead() throws IOException {
        byte[] content = new byte[600_000]; // more than the sequential read buffers at once
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i % 251);
        }
        Path file = Files.write(dir.resolve("a.tar"), content);
        try (LocalArchiveFile archive = LocalArchiveFile.open(ArchiveFiles.of(file), false);
             InputStream in = archive.input()) {
            assertThat(in.readNBytes(3)).isEqualTo(Arrays.copyOf(content, 3));
            ReaderAt random = archive.randomAccess().orElseThrow();
            assertThat(random.size()).isEqualTo(content.length);
            try (InputStream range = random.slice(500_000, 1000).stream(0)) {
                assertThat(range.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 500_000, 501_000));
            }
            assertThat(in.readAllBytes()).as("the sequential read goes on where it was")
                    .isEqualTo(Arrays.copyOfRange(content, 3, content.length));
        }
    }

    @Test
    void writesIntoTheFileWithoutTruncatingOrCreatingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("out.tar"), "0123456789");
        try (LocalArchiveFile archive = LocalArchiveFile.open(ArchiveFiles.of(file), true)) {
            try (OutputStream out = archive.output()) {
                out.write("abc".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(archive.channel().isOpen()).as("closing the output leaves the file to the transfer").isTrue();
        }
        assertThat(Files.readString(file)).isEqualTo("abc3456789");
        ArchiveFile gone = ArchiveFiles.of(file);
        Files.delete(file);
        assertNotVisible(gone, true);
        assertThat(file).doesNotExist();
    }

    @Test
    void anotherFileAtThePathIsRefusedSoTheClientStreams() throws IOException {
        Path file = Files.writeString(dir.resolve("a.tar"), "mine");
        ArchiveFile named = ArchiveFiles.of(file);
        // both exist at once, so the one moved over it has another inode
        Files.move(Files.writeString(dir.resolve("other.tar"), "someone else's"), file, StandardCopyOption.REPLACE_EXISTING);
        assertNotVisible(named, false);
        assertNotVisible(named.toBuilder().setDevice(named.getDevice() + 1).build(), false);
    }

    @Test
    void aLinkOrAFifoAtThePathIsRefusedWithoutOpeningIt() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("a.tar"), "mine");
        ArchiveFile named = ArchiveFiles.of(file);
        Path link = Files.createSymbolicLink(dir.resolve("link.tar"), file);
        assertNotVisible(named.toBuilder().setPath(link.toString()).build(), false);
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // opening a FIFO for reading would wait for a writer
        assertNotVisible(named.toBuilder().setPath(fifo.toString()).build(), false);
    }

    @Test
    void aRelativePathIsInvalid() {
        assertThatThrownBy(() -> LocalArchiveFile.open(ArchiveFile.newBuilder().setPath("a.tar").build(), false))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    private static void assertNotVisible(ArchiveFile file, boolean forWriting) {
        assertThatThrownBy(() -> LocalArchiveFile.open(file, forWriting))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
                    assertThat(e.getMessage()).startsWith(ArchiveFiles.NOT_VISIBLE);
                });
    }
}
