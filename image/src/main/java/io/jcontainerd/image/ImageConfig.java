package io.jcontainerd.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An image config blob (OCI's {@code Image}, Docker's {@code container.image.v1}): the platform the
 * image was built for, its execution defaults and the diff IDs of its layers. Fields Docker adds
 * (container_config, docker_version, …) are ignored.
 *
 * @param created    RFC 3339 text as the document has it; "" when left out
 * @param osFeatures never null
 * @param config     never null; {@link ContainerConfig#EMPTY} when left out
 * @param rootFs     never null; {@link RootFs#EMPTY} when left out
 * @param history    never null
 */
@JsonPropertyOrder({"created", "author", "architecture", "variant", "os", "os.version", "os.features", "config",
        "rootfs", "history"})
public record ImageConfig(
        @JsonProperty("created") @JsonInclude(JsonInclude.Include.NON_EMPTY) String created,
        @JsonProperty("author") @JsonInclude(JsonInclude.Include.NON_EMPTY) String author,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("variant") @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant,
        @JsonProperty("os") String os,
        @JsonProperty("os.version") @JsonInclude(JsonInclude.Include.NON_EMPTY) String osVersion,
        @JsonProperty("os.features") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> osFeatures,
        @JsonProperty("config") ContainerConfig config,
        @JsonProperty("rootfs") RootFs rootFs,
        @JsonProperty("history") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<History> history) {

    public ImageConfig {
        created = created == null ? "" : created;
        author = author == null ? "" : author;
        architecture = architecture == null ? "" : architecture;
        variant = variant == null ? "" : variant;
        os = os == null ? "" : os;
        osVersion = osVersion == null ? "" : osVersion;
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
        config = config == null ? ContainerConfig.EMPTY : config;
        rootFs = rootFs == null ? RootFs.EMPTY : rootFs;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /**
     * {@return the platform upstream derives from a config: OS and architecture only, normalized
     * (the variant is not consulted, as in containerd 1.6)}
     */
    public Platform platform() {
        return Platforms.normalize(Platform.of(os, architecture));
    }
}
