package io.jcontainerd.registry;

import io.jcontainerd.registry.http.UserAgent;
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
 */
public record ResolverOptions(Map<String, List<String>> headers, long chunkSize) {
    /** The largest chunk a chunked upload holds in memory. */
    public static final long MAX_CHUNK_SIZE = 1L << 30;

    public ResolverOptions {
        if (chunkSize < 0 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " is not between 0 and " + MAX_CHUNK_SIZE);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        if (copy.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("User-Agent"))) {
            copy.put("User-Agent", List.of(UserAgent.DEFAULT));
        }
        headers = Collections.unmodifiableMap(copy);
    }

    public static ResolverOptions defaults() {
        return new ResolverOptions(Map.of(), 0);
    }

    public ResolverOptions withChunkSize(long size) {
        return new ResolverOptions(headers, size);
    }
}
