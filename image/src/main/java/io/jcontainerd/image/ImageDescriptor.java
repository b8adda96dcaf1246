package io.jcontainerd.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A descriptor as it appears inside manifests and indexes: core's {@link Descriptor} plus the
 * {@code urls} of foreign layers and the {@code platform} of an index entry.
 *
 * @param mediaType   "" when the document leaves it out
 * @param urls        never null; where a foreign layer may be fetched from (never followed here)
 * @param annotations never null
 * @param platform    null when the descriptor declares none
 */
@JsonPropertyOrder({"mediaType", "digest", "size", "urls", "annotations", "platform"})
public record ImageDescriptor(
        @JsonProperty("mediaType") @JsonInclude(JsonInclude.Include.NON_EMPTY) String mediaType,
        @JsonProperty("digest") Digest digest,
        @JsonProperty("size") long size,
        @JsonProperty("urls") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> urls,
        @JsonProperty("annotations") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations,
        @JsonProperty("platform") @JsonInclude(JsonInclude.Include.NON_NULL) Platform platform) {

    public ImageDescriptor {
        mediaType = mediaType == null ? "" : mediaType;
        Objects.requireNonNull(digest, "descriptor without digest");
        urls = urls == null ? List.of() : List.copyOf(urls);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static ImageDescriptor of(String mediaType, Digest digest, long size) {
        return new ImageDescriptor(mediaType, digest, size, List.of(), Map.of(), null);
    }

    /** {@return the image descriptor of a core descriptor, e.g. an image's target} */
    public static ImageDescriptor from(Descriptor descriptor) {
        return new ImageDescriptor(descriptor.mediaType(), descriptor.digest(), descriptor.size(), List.of(),
                descriptor.annotations(), null);
    }

    /** {@return the core descriptor: media type, digest, size and annotations (urls and platform dropped)} */
    public Descriptor toDescriptor() {
        return new Descriptor(mediaType, digest, size, annotations);
    }

    public ImageDescriptor withPlatform(Platform newPlatform) {
        return new ImageDescriptor(mediaType, digest, size, urls, annotations, newPlatform);
    }

    public ImageDescriptor withAnnotations(Map<String, String> newAnnotations) {
        return new ImageDescriptor(mediaType, digest, size, urls, newAnnotations, platform);
    }
}
