package io.jcontainerd.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The execution defaults an image config carries under {@code "config"} (OCI's {@code ImageConfig}):
 * what a container from the image runs, and as whom. Untrusted input: callers copy from these
 * immutable lists, never into them (CVE-2021-21334 was a shared slice appended to in place).
 *
 * @param exposedPorts the keys of Go's {@code map[string]struct{}}, e.g. "80/tcp"
 * @param volumes      the keys of Go's {@code map[string]struct{}}; paths inside the image, untrusted
 */
@JsonPropertyOrder({"User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels",
        "StopSignal", "ArgsEscaped"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerConfig(
        @JsonProperty("User") String user,
        @JsonProperty("ExposedPorts") @JsonDeserialize(using = ImageJson.KeySetReader.class)
        @JsonSerialize(using = ImageJson.KeySetWriter.class) Set<String> exposedPorts,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Volumes") @JsonDeserialize(using = ImageJson.KeySetReader.class)
        @JsonSerialize(using = ImageJson.KeySetWriter.class) Set<String> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("ArgsEscaped") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean argsEscaped) {

    public static final ContainerConfig EMPTY = new ContainerConfig(null, null, null, null, null, null, null, null, null, false);

    public ContainerConfig {
        user = user == null ? "" : user;
        exposedPorts = exposedPorts == null ? Set.of() : Set.copyOf(exposedPorts);
        env = env == null ? List.of() : List.copyOf(env);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        volumes = volumes == null ? Set.of() : Set.copyOf(volumes);
        workingDir = workingDir == null ? "" : workingDir;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        stopSignal = stopSignal == null ? "" : stopSignal;
    }
}
