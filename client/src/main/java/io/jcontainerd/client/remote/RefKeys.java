package io.jcontainerd.client.remote;

import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.MediaTypes;

/**
 * Upstream's {@code remotes.MakeRefKey}: the ingest ref a blob is written under while it is
 * fetched, and the key progress displays show for it ({@code layer-sha256:…}).
 */
public final class RefKeys {
    /** The OCI annotation naming a manifest within a layout; it becomes part of the key. */
    static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";

    private RefKeys() {
    }

    public static String of(ImageDescriptor desc) {
        String key = desc.digest().toString();
        String name = desc.annotations().get(REF_NAME_ANNOTATION);
        if (name != null) {
            key = name + "@" + key;
        }
        String mt = desc.mediaType();
        if (mt.equals(MediaTypes.DOCKER_MANIFEST) || mt.equals(MediaTypes.OCI_MANIFEST)) {
            return "manifest-" + key;
        }
        if (mt.equals(MediaTypes.DOCKER_MANIFEST_LIST) || mt.equals(MediaTypes.OCI_INDEX)) {
            return "index-" + key;
        }
        if (MediaTypes.isLayerType(mt)) {
            return "layer-" + key;
        }
        if (MediaTypes.isKnownConfig(mt)) {
            return "config-" + key;
        }
        return "unknown-" + key;
    }
}
