package io.jcontainerd.core.images;

import io.jcontainerd.core.content.Descriptor;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A named image: its name (usually a reference such as {@code docker.io/library/alpine:3}),
 * labels, and the descriptor of its root object (manifest or index), as containerd's {@code images.Image}.
 *
 * @param target    may be null only in an update that does not touch it
 * @param createdAt set by the store
 * @param updatedAt set by the store
 */
public record Image(String name, Map<String, String> labels, Descriptor target, Instant createdAt, Instant updatedAt) {
    public Image {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static Image of(String name, Descriptor target, Map<String, String> labels) {
        return new Image(name, labels, target, null, null);
    }
}
