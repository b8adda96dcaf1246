package io.jcontainerd.core.content;

import java.io.IOException;

/** Starts or resumes writes of new content. */
public interface Ingester {
    /**
     * Opens the writer for {@code ref}: a new ingest, or the existing one resumed at its offset.
     * Only one writer may hold a ref at a time.
     *
     * @param ref      the client's key for this write; not empty
     * @param total    the expected size, 0 when unknown
     * @param expected the expected digest, or {@code null} when unknown
     * @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for an empty ref,
     *     UNAVAILABLE while another writer holds the ref, ALREADY_EXISTS when {@code expected} is
     *     already committed
     */
    Writer writer(String ref, long total, Digest expected) throws IOException;
}
