package io.jcontainerd.services.transfer;

import io.jcontainerd.core.content.ReaderAt;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * How an archive's bytes reach the daemon or leave it: on a stream from the client
 * ({@link StreamedArchive}), or through a file the daemon opens itself ({@link LocalArchiveFile}).
 * Closed when the transfer ends.
 */
public sealed interface ArchiveTransport extends AutoCloseable permits StreamedArchive, LocalArchiveFile {
    /** {@return the archive's bytes, for an import} */
    InputStream input() throws IOException;

    /** {@return the archive read at random, where it is a file; closing it closes nothing} */
    Optional<ReaderAt> randomAccess();

    /** {@return where the archive's bytes go, for an export; closing it closes nothing} */
    OutputStream output() throws IOException;

    @Override
    void close();
}
