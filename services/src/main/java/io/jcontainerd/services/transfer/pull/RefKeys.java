package io.jcontainerd.services.transfer.pull;

import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.MediaTypes;

/**
 * containerd's {@code remotes.MakeRefKey}: the name of a blob in progress reports and the ref of
 * its ingest, e.g. {@code layer-sha256:…}. The same ref on every pull is what lets an interrupted
 * download resume.
 */
public final class RefKeys {
    private static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";

    private RefKeys() {
    }

    public static String of(ImageDescriptor desc) {
        String name = desc.annotations().get(REF_NAME_ANNOTATION);
        String key = name == null ? desc.digest().toString() : name + "@" + desc.digest();
        String mt = desc.mediaType();
        if (MediaTypes.isManifestType(mt)) {
            return "manifest-" + key;
        }
        if (MediaTypes.isIndexType(mt)) {
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
