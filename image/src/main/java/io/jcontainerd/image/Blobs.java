package io.jcontainerd.image;

import io.jcontainerd.core.content.Provider;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Reads whole JSON blobs (manifests, indexes, configs) from a provider, as upstream's {@code content.ReadBlob}, but bounded. */
final class Blobs {
    /**
     * The most a manifest, index or config may weigh. Real ones are kilobytes (registries refuse
     * manifests over 4 MiB); the cap keeps a hostile blob from taking the heap.
     */
    static final long MAX_DOCUMENT_SIZE = 16L << 20;

    private Blobs() {
    }

    /**
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when the blob is not in the
     *     provider, RESOURCE_EXHAUSTED when it is larger than {@link #MAX_DOCUMENT_SIZE}
     * @throws EOFException when the blob ends before its size
     */
    static byte[] read(Provider provider, ImageDescriptor desc) throws IOException {
        try (ReaderAt reader = provider.readerAt(desc.digest())) {
            long size = reader.size();
            if (size > MAX_DOCUMENT_SIZE) {
                throw Errdefs.wrap(ErrorKind.RESOURCE_EXHAUSTED, "blob " + desc.digest() + " of " + size
                        + " bytes is over the " + MAX_DOCUMENT_SIZE + " byte limit for " + desc.mediaType());
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining()) {
                if (reader.read(buffer, buffer.position()) < 0) {
                    throw new EOFException("unexpected EOF reading " + desc.digest());
                }
            }
            return buffer.array();
        }
    }
}
