package io.jcontainerd.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * An OCI image index or a Docker manifest list: manifests (usually one per platform), each
 * descriptor carrying the platform it is for.
 *
 * @param mediaType   "" when the document leaves it out
 * @param manifests   never null
 * @param annotations never null
 */
@JsonPropertyOrder({"schemaVersion", "mediaType", "manifests", "annotations"})
public record Index(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("mediaType") @JsonInclude(JsonInclude.Include.NON_EMPTY) String mediaType,
        @JsonProperty("manifests") List<ImageDescriptor> manifests,
        @JsonProperty("annotations") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations) {

    public Index {
        mediaType = mediaType == null ? "" : mediaType;
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
