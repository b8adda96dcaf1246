package io.jcontainerd.image.archive;

import io.jcontainerd.core.content.Digest;
import java.io.IOException;

/** Told of each file of an archive as soon as it is a blob, so work on it can start before the archive ends. */
@FunctionalInterface
public interface BlobListener {
    BlobListener NONE = (name, digest, size) -> { };

    /** @param name the file's cleaned name in the archive */
    void ingested(String name, Digest digest, long size) throws IOException;

    /**
     * The file's bytes are about to be read: they are at {@code [offset, offset + size)} of the
     * archive, for a listener that can read the archive at random (a file). Nothing is verified yet.
     */
    default void reading(String name, long offset, long size) throws IOException {
    }
}
