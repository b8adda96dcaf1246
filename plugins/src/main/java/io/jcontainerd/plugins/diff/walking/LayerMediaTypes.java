package io.jcontainerd.plugins.diff.walking;

import java.util.Set;

/** The layer media types the walking differ reads (upstream's stream processors) and writes. */
final class LayerMediaTypes {
    static final String OCI_TAR = "application/vnd.oci.image.layer.v1.tar";
    static final String OCI_GZIP = OCI_TAR + "+gzip";
    static final String OCI_ZSTD = OCI_TAR + "+zstd";
    static final String DOCKER_TAR = "application/vnd.docker.image.rootfs.diff.tar";
    static final String DOCKER_GZIP = DOCKER_TAR + ".gzip";

    /** Decompression is by magic bytes, as upstream's {@code DecompressStream}; the type only says whether we may read it. */
    private static final Set<String> READABLE = Set.of(OCI_TAR, OCI_GZIP, OCI_ZSTD, DOCKER_TAR, DOCKER_GZIP,
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");

    private LayerMediaTypes() {
    }

    static boolean readable(String mediaType) {
        return READABLE.contains(mediaType);
    }
}
