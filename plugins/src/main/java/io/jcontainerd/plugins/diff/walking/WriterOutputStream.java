package io.jcontainerd.plugins.diff.walking;

import io.jcontainerd.core.content.Writer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** A content writer as an output stream; closing it leaves the writer open for its commit. */
final class WriterOutputStream extends OutputStream {
    private final Writer writer;

    WriterOutputStream(Writer writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
        writer.write(ByteBuffer.wrap(new byte[] {(byte) b}));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        writer.write(ByteBuffer.wrap(b, off, len));
    }
}
