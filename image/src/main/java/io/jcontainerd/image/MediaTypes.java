package io.jcontainerd.image;

import io.jcontainerd.core.errdefs.Errdefs;
import java.util.Arrays;

/** The media types containerd handles (upstream {@code images/mediatypes.go} plus the OCI ones it uses), and their classes. */
public final class MediaTypes {
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
    public static final String DOCKER_LAYER_FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_LAYER_FOREIGN_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** Legacy schema 1; never read, only recognised to reject it. */
    public static final String DOCKER_SCHEMA1_MANIFEST = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String OCI_LAYER_NONDISTRIBUTABLE = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public static final String OCI_LAYER_NONDISTRIBUTABLE_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public static final String OCI_LAYER_NONDISTRIBUTABLE_ZSTD = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
    public static final String OCI_LAYER_ENCRYPTED = OCI_LAYER + "+encrypted";
    public static final String OCI_LAYER_GZIP_ENCRYPTED = OCI_LAYER_GZIP + "+encrypted";

    public static final String CONTAINERD_CHECKPOINT = "application/vnd.containerd.container.criu.checkpoint.criu.tar";
    public static final String CONTAINERD_CHECKPOINT_CONFIG = "application/vnd.containerd.container.checkpoint.config.v1+proto";

    private static final String OCI_LAYER_PREFIX = "application/vnd.oci.image.layer.";

    private MediaTypes() {
    }

    /** {@return whether {@code mt} is a layer: any OCI layer type, or a Docker layer with any {@code +suffix}} */
    public static boolean isLayerType(String mt) {
        if (mt.startsWith(OCI_LAYER_PREFIX)) {
            return true;
        }
        return switch (base(mt)) {
            case DOCKER_LAYER, DOCKER_LAYER_GZIP, DOCKER_LAYER_FOREIGN, DOCKER_LAYER_FOREIGN_GZIP -> true;
            default -> false;
        };
    }

    /** {@return whether {@code mt} is a Docker or OCI image manifest (schema 1 is not)} */
    public static boolean isManifestType(String mt) {
        return mt.equals(DOCKER_MANIFEST) || mt.equals(OCI_MANIFEST);
    }

    /** {@return whether {@code mt} is an OCI index or a Docker manifest list} */
    public static boolean isIndexType(String mt) {
        return mt.equals(OCI_INDEX) || mt.equals(DOCKER_MANIFEST_LIST);
    }

    /** {@return whether {@code mt} is an image config (checkpoint configs are not)} */
    public static boolean isConfigType(String mt) {
        return mt.equals(DOCKER_CONFIG) || mt.equals(OCI_CONFIG);
    }

    /** {@return whether {@code mt} is an image config or one of containerd's checkpoint configs} */
    public static boolean isKnownConfig(String mt) {
        return isConfigType(mt) || mt.equals(CONTAINERD_CHECKPOINT) || mt.equals(CONTAINERD_CHECKPOINT_CONFIG);
    }

    public static boolean isDockerType(String mt) {
        return mt.startsWith("application/vnd.docker.");
    }

    public static boolean isNonDistributable(String mt) {
        return mt.startsWith("application/vnd.oci.image.layer.nondistributable.")
                || mt.startsWith("application/vnd.docker.image.rootfs.foreign.");
    }

    /**
     * {@return the compression a layer media type declares}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_IMPLEMENTED "unrecognised mediatype …" when
     *     {@code mt} is no layer type containerd can apply
     */
    public static LayerCompression diffCompression(String mt) {
        String base = base(mt);
        String[] ext = extensions(mt);
        return switch (base) {
            case DOCKER_LAYER, DOCKER_LAYER_FOREIGN -> ext.length > 0 ? LayerCompression.NONE : LayerCompression.UNKNOWN;
            case DOCKER_LAYER_GZIP, DOCKER_LAYER_FOREIGN_GZIP -> ext.length > 0 ? LayerCompression.NONE : LayerCompression.GZIP;
            // the last suffix in sorted order decides, so "+gzip+encrypted" still reads as gzip, like upstream
            case OCI_LAYER, OCI_LAYER_NONDISTRIBUTABLE -> ext.length == 0 ? LayerCompression.NONE : switch (ext[ext.length - 1]) {
                case "gzip" -> LayerCompression.GZIP;
                case "zstd" -> LayerCompression.ZSTD;
                default -> LayerCompression.NONE;
            };
            default -> throw Errdefs.notImplemented("unrecognised mediatype " + mt);
        };
    }

    private static String base(String mt) {
        int plus = mt.indexOf('+');
        return plus < 0 ? mt : mt.substring(0, plus);
    }

    /** The {@code +suffixes} of {@code mt}, sorted (empty ones kept, as Go's strings.Split keeps them). */
    private static String[] extensions(String mt) {
        String[] parts = mt.split("\\+", -1);
        String[] ext = Arrays.copyOfRange(parts, 1, parts.length);
        Arrays.sort(ext);
        return ext;
    }
}
