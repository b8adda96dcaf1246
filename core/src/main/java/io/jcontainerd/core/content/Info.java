package io.jcontainerd.core.content;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the store knows about one committed blob.
 *
 * @param size      length in bytes
 * @param createdAt when the blob was committed
 * @param updatedAt when its information last changed
 * @param labels    mutable labels; the local store keeps none (the metadata layer does)
 */
public record Info(Digest digest, long size, Instant createdAt, Instant updatedAt, Map<String, String> labels) {
    public Info {
        Objects.requireNonNull(digest, "digest");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
