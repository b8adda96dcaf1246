package io.jcontainerd.services.imagearchive;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.archive.ArchiveContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Archive import and export on a namespace's content store (under the import's lease). Blobs are
 * written in large chunks and hashed once, by the store's writer, which also checks the digest.
 */
record StoreArchiveContent(ContentStore store) implements ArchiveContent {
    /** Big enough that a blob costs few writes, small enough for a few imports at once. */
    static final int CHUNK = 1 << 20;

    @Override
    public ReaderAt readerAt(Digest digest) throws IOException {
        return store.readerAt(digest);
    }

    @Override
    public Info info(Digest digest) throws IOException {
        return store.info(digest);
    }

    @Override
    public List<Info> list(List<String> filters) throws IOException {
        List<Info> found = new ArrayList<>();
        store.walk(filters, found::add);
        return found;
    }

    @Override
    public void read(Digest digest, OutputStream out) throws IOException {
        try (ReaderAt reader = store.readerAt(digest)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long offset = 0;
            for (int n = reader.read(buffer, offset); n > 0; n = reader.read(buffer.clear(), offset)) {
                out.write(buffer.array(), 0, n);
                offset += n;
            }
        }
    }

    @Override
    public void label(Digest digest, Map<String, String> labels) throws IOException {
        Info info = store.info(digest);
        store.update(new Info(info.digest(), info.size(), info.createdAt(), info.updatedAt(), labels),
                labels.keySet().stream().map(k -> "labels." + k).toList());
    }

    @Override
    public Digest write(String ref, InputStream data, long size, Digest expected, Map<String, String> labels)
            throws IOException {
        Writer writer;
        try {
            writer = store.writer(ref, size, expected);
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.ALREADY_EXISTS && expected != null) {
                return expected;
            }
            throw new ErrdefsException(e.kind(), "failed to open writer: " + e.getMessage(), e);
        }
        try (writer) {
            if (writer.offset() > 0) {
                // an earlier import's leftover: this stream starts at 0
                writer.truncate(0);
            }
            byte[] buffer = new byte[CHUNK];
            for (int n = data.readNBytes(buffer, 0, CHUNK); n > 0; n = data.readNBytes(buffer, 0, CHUNK)) {
                writer.write(ByteBuffer.wrap(buffer, 0, n));
            }
            if (size != 0 && writer.offset() < size) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to read expected number of bytes: unexpected EOF");
            }
            Digest digest = writer.digest();
            try {
                writer.commit(size, expected, labels);
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                    throw new ErrdefsException(e.kind(), "failed commit on ref \"" + ref + "\": " + e.getMessage(), e);
                }
            }
            return digest;
        }
    }
}
