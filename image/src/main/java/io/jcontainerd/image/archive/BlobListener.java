package io.jcontainerd.image.archive;

import io.jcontainerd.core.content.Digest;
import java.io.IOException;

/** Told of each file of an archive as soon as it is a blob, so work on it can start before the archive ends. */
@FunctionalInterface
public interface BlobListener {
    BlobListener NONE = (name, digest, size) -> { };

    /** @param name the file's cleaned name in the archive */
    void ingested(String name, Digest digest, long size) throws IOException;
}
