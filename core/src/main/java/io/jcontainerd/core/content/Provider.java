package io.jcontainerd.core.content;

import java.io.IOException;

/** Reads committed content by digest. */
public interface Provider {
    /**
     * Opens a blob for reading; the caller closes it.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when the blob is not committed
     */
    ReaderAt readerAt(Digest digest) throws IOException;
}
