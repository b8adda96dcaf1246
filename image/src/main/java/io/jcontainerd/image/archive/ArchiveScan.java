package io.jcontainerd.image.archive;

import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.paths.GoPaths;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The regular files of an archive that can be read at random (a file), found from its headers
 * alone: the data between them is skipped, not read. An import that reads the archive in order
 * learns from it where files further on are, so that work on them can start before they are
 * reached. Only a head start: nothing here is verified, and an archive it cannot scan is read in
 * order as any other.
 */
public final class ArchiveScan {
    private ArchiveScan() {
    }

    /** A regular file: its cleaned name, as {@link ArchiveImporter} names it, and where its bytes are. */
    public record Entry(String name, long offset, long size) {
    }

    /**
     * {@return the archive's regular files, in order}
     *
     * @throws IOException when the archive's headers do not read as a tar
     */
    public static List<Entry> regularFiles(ReaderAt archive) throws IOException {
        List<Entry> files = new ArrayList<>();
        PositionedStream positioned = new PositionedStream(archive.stream(0));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(positioned)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (ArchiveImporter.isRegularFile(entry)) {
                    files.add(new Entry(GoPaths.clean(entry.getName()), positioned.position, entry.getSize()));
                }
            }
        }
        return files;
    }

    /** Counts what was read and skipped: at an entry's start, where its data is. */
    private static final class PositionedStream extends FilterInputStream {
        private long position;

        PositionedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            position += skipped;
            return skipped;
        }
    }
}
