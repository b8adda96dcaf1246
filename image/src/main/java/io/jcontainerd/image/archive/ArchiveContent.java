package io.jcontainerd.image.archive;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The content store as archive import and export use it, so the same code runs in the client
 * (over the content API) and in the daemon (on the store itself).
 */
public interface ArchiveContent extends Provider {
    /** @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when the blob is not committed */
    Info info(Digest digest) throws IOException;

    /** {@return the blobs matching any of {@code filters}} */
    List<Info> list(List<String> filters) throws IOException;

    /** Copies the whole blob to {@code out}. */
    void read(Digest digest, OutputStream out) throws IOException;

    /** Sets the given labels on the blob, leaving the others. */
    void label(Digest digest, Map<String, String> labels) throws IOException;

    /**
     * Writes {@code data} (all of it, {@code size} bytes when not 0) as a blob under {@code ref},
     * as containerd's {@code content.WriteBlob}: a blob already present is success and keeps its labels.
     *
     * @param expected the expected digest, or null
     * @return the digest of the bytes read
     */
    Digest write(String ref, InputStream data, long size, Digest expected, Map<String, String> labels) throws IOException;
}
