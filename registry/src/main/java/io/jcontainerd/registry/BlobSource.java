package io.jcontainerd.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a blob to push. It may be opened more than once: a request answered 401 is sent
 * again with the credentials the challenge asked for.
 */
@FunctionalInterface
public interface BlobSource {
    InputStream open() throws IOException;

    static BlobSource of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return () -> new ByteArrayInputStream(copy);
    }
}
