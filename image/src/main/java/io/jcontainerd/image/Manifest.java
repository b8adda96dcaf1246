package io.jcontainerd.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image manifest, OCI or Docker schema 2 (the same shape): one config and the layers, base first.
 *
 * @param mediaType   "" when the document leaves it out (OCI allows that)
 * @param layers      never null
 * @param annotations never null
 */
@JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers", "annotations"})
public record Manifest(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("mediaType") @JsonInclude(JsonInclude.Include.NON_EMPTY) String mediaType,
        @JsonProperty("config") ImageDescriptor config,
        @JsonProperty("layers") List<ImageDescriptor> layers,
        @JsonProperty("annotations") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations) {

    public Manifest {
        mediaType = mediaType == null ? "" : mediaType;
        Objects.requireNonNull(config, "manifest without config");
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
