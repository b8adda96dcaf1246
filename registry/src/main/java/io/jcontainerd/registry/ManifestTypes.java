package io.jcontainerd.registry;

import io.jcontainerd.image.MediaTypes;
import java.net.http.HttpResponse;

/** Media types as the registry API sees them: which are served from {@code /manifests/}, and what a response declares. */
final class ManifestTypes {
    /** What resolve asks for, as upstream: the four manifest types, then anything. */
    static final String RESOLVE_ACCEPT = String.join(", ", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, "*/*");

    private ManifestTypes() {
    }

    /** {@return whether content of this type lives under {@code /manifests/} (schema 1 included, as upstream)} */
    static boolean isManifest(String mediaType) {
        return MediaTypes.isManifestType(mediaType) || MediaTypes.isIndexType(mediaType)
                || mediaType.equals(MediaTypes.DOCKER_SCHEMA1_MANIFEST);
    }

    /** The response's Content-Type without parameters; "text/plain" is what old registries send for schema 1. */
    static String declared(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.trim();
        return type.equals("text/plain") ? MediaTypes.DOCKER_SCHEMA1_MANIFEST : type;
    }
}
