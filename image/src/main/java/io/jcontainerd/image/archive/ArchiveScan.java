package io.jcontainerd.image.archive;

import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.paths.GoPaths;
import java.io.IOException;
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
        try (TarArchiveInputStream tar = new TarArchiveInputStream(archive.stream(0))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (ArchiveImporter.isRegularFile(entry)) {
                    // what it read and skipped so far, headers included: where the entry's data starts
                    files.add(new Entry(GoPaths.clean(entry.getName()), tar.getBytesRead(), entry.getSize()));
                }
            }
        }
        return files;
    }
}
