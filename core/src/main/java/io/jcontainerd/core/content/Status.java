package io.jcontainerd.core.content;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of one ingest (an uncommitted write) as {@code ctr content active} shows it.
 *
 * @param ref       the client's key for the ingest
 * @param offset    bytes written so far: where the next write must start
 * @param total     the expected size, 0 when unknown
 * @param expected  the expected digest, or {@code null} when unknown
 * @param startedAt when the ingest began (kept across resumes)
 * @param updatedAt when it was last written to
 */
public record Status(String ref, long offset, long total, Digest expected, Instant startedAt, Instant updatedAt) {
    public Status {
        Objects.requireNonNull(ref, "ref");
    }
}
