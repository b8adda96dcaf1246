package io.jcontainerd.image.archive;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An OCI layout's {@code oci-layout} file. */
record ImageLayout(@JsonProperty("imageLayoutVersion") String version) {
    /** The only version there is. */
    static final String VERSION = "1.0.0";
    static final String FILE = "oci-layout";

    ImageLayout {
        version = version == null ? "" : version;
    }
}
