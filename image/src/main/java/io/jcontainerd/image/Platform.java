package io.jcontainerd.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An OCI platform: what an image or runtime targets. Absent values are empty strings (Go's zero
 * values), so records compare like upstream's structs do.
 *
 * @param osFeatures never null
 */
@JsonPropertyOrder({"architecture", "os", "os.version", "os.features", "variant"})
public record Platform(
        @JsonProperty("os") String os,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("variant") @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant,
        @JsonProperty("os.version") @JsonInclude(JsonInclude.Include.NON_EMPTY) String osVersion,
        @JsonProperty("os.features") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> osFeatures) {

    public Platform {
        os = os == null ? "" : os;
        architecture = architecture == null ? "" : architecture;
        variant = variant == null ? "" : variant;
        osVersion = osVersion == null ? "" : osVersion;
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
    }

    public static Platform of(String os, String architecture) {
        return new Platform(os, architecture, "", "", List.of());
    }

    public static Platform of(String os, String architecture, String variant) {
        return new Platform(os, architecture, variant, "", List.of());
    }

    public Platform withVariant(String newVariant) {
        return new Platform(os, architecture, newVariant, osVersion, osFeatures);
    }

    public Platform withArchitecture(String newArchitecture, String newVariant) {
        return new Platform(os, newArchitecture, newVariant, osVersion, osFeatures);
    }

    /** {@return the specifier form, e.g. {@code linux/arm64/v8}; see {@link Platforms#format}} */
    @Override
    public String toString() {
        return Platforms.format(this);
    }
}
