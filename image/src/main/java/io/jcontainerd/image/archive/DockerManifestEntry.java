package io.jcontainerd.image.archive;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One entry of a Docker archive's {@code manifest.json}: paths inside the archive of the config
 * and layers, and the names the image had. Lists are null when absent, as Go's nil slices, which
 * is also how they are written ({@code "RepoTags":null}).
 */
@JsonPropertyOrder({"Config", "RepoTags", "Layers"})
record DockerManifestEntry(
        @JsonProperty("Config") String config,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("Layers") List<String> layers) {
}
