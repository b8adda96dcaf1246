package io.jcontainerd.registry;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.ImageDescriptor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads a repository's manifests and blobs by descriptor. */
public interface Fetcher {
    /**
     * Opens the content from {@code offset} on. The stream never reads past the descriptor's size,
     * and when the connection drops before that it reopens at the offset reached (a few times
     * without progress at most), so a reader sees one uninterrupted stream.
     *
     * @throws ErrdefsException NOT_FOUND when no pull endpoint has it; UNAUTHENTICATED,
     *     PERMISSION_DENIED, UNAVAILABLE or UNKNOWN as the endpoints answered
     */
    InputStream fetch(ImageDescriptor descriptor, long offset);

    default InputStream fetch(ImageDescriptor descriptor) {
        return fetch(descriptor, 0);
    }

    /**
     * {@return the whole content of a small document (manifest, index, config), checked against
     * the descriptor's size and digest}
     *
     * @throws ErrdefsException RESOURCE_EXHAUSTED before any request when the descriptor is larger
     *     than {@code maxSize}; FAILED_PRECONDITION when the bytes do not match the digest
     */
    default byte[] readDocument(ImageDescriptor descriptor, long maxSize) throws IOException {
        if (descriptor.size() > maxSize || descriptor.size() < 0) {
            throw Errdefs.wrap(ErrorKind.RESOURCE_EXHAUSTED, "refusing " + descriptor.size() + " byte "
                    + descriptor.mediaType() + " " + descriptor.digest() + " over the " + maxSize + " byte limit");
        }
        byte[] bytes;
        try (InputStream in = fetch(descriptor)) {
            bytes = in.readNBytes((int) descriptor.size());
        }
        if (bytes.length != descriptor.size()) {
            throw new EOFException("unexpected EOF reading " + descriptor.digest() + ": " + bytes.length + " of "
                    + descriptor.size() + " bytes");
        }
        Digest actual = descriptor.digest().algorithm().digest(bytes);
        if (!actual.equals(descriptor.digest())) {
            throw Errdefs.failedPrecondition("content " + descriptor.digest() + " from remote has digest " + actual);
        }
        return bytes;
    }
}
