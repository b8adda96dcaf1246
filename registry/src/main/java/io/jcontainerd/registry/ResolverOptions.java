package io.jcontainerd.registry;

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
    /** containerd's API level with our name as build metadata, as {@code ctr version} reports the server. */
    public static final String USER_AGENT = "containerd/1.6.20+jcontainerd";

    public ResolverOptions {
        if (chunkSize < 0) {
            throw new IllegalArgumentException("negative chunk size " + chunkSize);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        if (copy.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("User-Agent"))) {
            copy.put("User-Agent", List.of(USER_AGENT));
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
