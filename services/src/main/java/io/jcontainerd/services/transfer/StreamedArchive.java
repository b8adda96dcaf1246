package io.jcontainerd.services.transfer;

import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.services.imagearchive.StreamReader;
import io.jcontainerd.services.imagearchive.StreamWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;

/** An archive carried on a Streaming stream, as containerd 2.x's {@code ImageImportStream}/{@code ImageExportStream}. */
public record StreamedArchive(Stream stream) implements ArchiveTransport {
    public StreamedArchive {
        Objects.requireNonNull(stream, "stream");
    }

    @Override
    public InputStream input() {
        return new StreamReader(stream);
    }

    @Override
    public Optional<ReaderAt> randomAccess() {
        return Optional.empty();
    }

    @Override
    public OutputStream output() {
        return new StreamWriter(stream);
    }

    @Override
    public void close() {
        stream.close();
    }
}
