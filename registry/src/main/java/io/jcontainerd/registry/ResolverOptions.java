package io.jcontainerd.registry;

import io.jcontainerd.registry.http.UserAgent;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of a {@link DockerResolver}.
 *
 * @param headers   sent with every request; a User-Agent is added when missing
 * @param chunkSize blobs larger than this are uploaded in PATCH chunks of this size; 0 uploads every
 *                  blob in one PUT, as upstream 1.6
 * @param stallTimeout how long a download's connection may send nothing (no response headers, or
 *                  no body bytes while a read waits) before it is dropped and the download resumes
 *                  on a new one ({@link ResumingInputStream})
 */
public record ResolverOptions(Map<String, List<String>> headers, long chunkSize, Duration stallTimeout) {
    /** A minute: with {@link ResumingInputStream#MAX_RETRIES} reconnections, a download that gets no byte for about four minutes fails. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(1);
    /** The largest chunk a chunked upload holds in memory. */
    public static final long MAX_CHUNK_SIZE = 1L << 30;

    public ResolverOptions {
        if (chunkSize < 0 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " is not between 0 and " + MAX_CHUNK_SIZE);
        }
        if (!stallTimeout.isPositive()) {
            throw new IllegalArgumentException("stall timeout " + stallTimeout + " is not positive");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        if (copy.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("User-Agent"))) {
            copy.put("User-Agent", List.of(UserAgent.DEFAULT));
        }
        headers = Collections.unmodifiableMap(copy);
    }

    public static ResolverOptions defaults() {
        return new ResolverOptions(Map.of(), 0, DEFAULT_STALL_TIMEOUT);
    }

    public ResolverOptions withChunkSize(long size) {
        return new ResolverOptions(headers, size, stallTimeout);
    }

    public ResolverOptions withStallTimeout(Duration timeout) {
        return new ResolverOptions(headers, chunkSize, timeout);
    }
}
