package io.jcontainerd.core.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads committed content by digest. */
public interface Provider {
    /**
     * Opens a blob for reading; the caller closes it.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when the blob is not committed
     */
    ReaderAt readerAt(Digest digest) throws IOException;

    /**
     * {@return the whole blob as a stream; closing it closes the reader under it}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when the blob is not committed
     */
    default InputStream stream(Digest digest) throws IOException {
        ReaderAt reader = readerAt(digest);
        return new FilterInputStream(reader.stream(0)) {
            @Override
            public void close() throws IOException {
                try (reader) {
                    super.close();
                }
            }
        };
    }

    /**
     * A hint that the blob will not be read again soon, such as a layer just unpacked: the store
     * may drop its pages from the page cache. Memory freed a moment ago is cheaper to write into
     * than memory never touched (on hosts that give freed memory back to their hypervisor, several
     * times cheaper), and the next layer's files need it. Never fails; does nothing by default.
     */
    default void dropCached(Digest digest) {
    }
}
