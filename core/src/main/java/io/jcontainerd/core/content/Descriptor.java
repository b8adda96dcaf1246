package io.jcontainerd.core.content;

import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: what a blob is (media type), which (digest) and how big, plus annotations.
 *
 * @param annotations never null; empty when there are none
 */
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations) {
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, Map.of());
    }
}
