package io.jcontainerd.core.content;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * One open ingest, obtained from {@link Ingester#writer}; it holds the ref's lock until it is
 * committed or closed. Not for concurrent use by several threads.
 */
public interface Writer extends Closeable {
    /** Appends all of {@code src}'s remaining bytes at {@link #offset()}. */
    void write(ByteBuffer src) throws IOException;

    /** Appends {@code len} bytes of {@code b} from {@code off}. */
    default void write(byte[] b, int off, int len) throws IOException {
        write(ByteBuffer.wrap(b, off, len));
    }

    /** {@return the number of bytes written so far, including those before a resume} */
    long offset();

    /** {@return the digest of the bytes written so far} */
    Digest digest();

    /**
     * Makes the written bytes a blob: checks size and digest, makes the data durable and moves
     * it into place atomically. Always releases the writer, also on failure; after a failed check
     * the ingest remains, to be resumed or aborted.
     *
     * @param size     the expected size, 0 when unknown
     * @param expected the expected digest, or {@code null} when unknown
     * @param labels   labels for the blob; a store without label storage ignores them
     * @throws io.jcontainerd.core.errdefs.ErrdefsException FAILED_PRECONDITION when size or digest
     *     differ or the writer is closed, ALREADY_EXISTS when the blob is already committed (the
     *     ingest is then removed)
     */
    void commit(long size, Digest expected, Map<String, String> labels) throws IOException;

    /**
     * Discards everything written, restarting the ingest at offset 0.
     *
     * @param size must be 0: the only size supported, as upstream
     */
    void truncate(long size) throws IOException;

    /** {@return the ingest's state as this writer sees it} */
    Status status();

    /** Releases the writer and keeps its progress for a later resume; closing twice does nothing. */
    @Override
    void close() throws IOException;
}
