package io.jcontainerd.plugins.content.local;

import io.jcontainerd.core.content.ReaderAt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A blob file opened for positional reads; blobs never change, so the size is read once. */
final class FileReaderAt implements ReaderAt {
    private final FileChannel channel;
    private final long size;

    FileReaderAt(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= size) {
            return -1;
        }
        return channel.read(dst, position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
