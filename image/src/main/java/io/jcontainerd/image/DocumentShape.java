package io.jcontainerd.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.Locale;
import java.util.Map;

/**
 * Upstream's {@code validateMediaType}: before a blob is read as the manifest or index its
 * descriptor says it is, its keys must not say otherwise, so one digest cannot mean a manifest to
 * one reader and an index to another (GHSA-5j5w-g665-5m35). A key counts when present with any
 * value, even {@code null}, and keys match ignoring case, as Go's decoder sees them.
 */
final class DocumentShape {
    private DocumentShape() {
    }

    /**
     * @throws ErrdefsException INVALID_ARGUMENT "media-type: expected manifest but found index (…)",
     *     "media-type: expected index but found manifest (…)", "media-type: schema 1 not supported",
     *     or a decode error when the bytes are not a JSON object
     */
    static void check(byte[] json, String mediaType) {
        JsonNode doc = ImageJson.readTree(json, "document");
        if (doc.isNull()) {
            return;
        }
        if (!doc.isObject()) {
            throw invalid("json: cannot unmarshal " + doc.getNodeType().name().toLowerCase(Locale.ROOT) + " into an image document");
        }
        String declared = "";
        boolean config = false;
        boolean layers = false;
        boolean manifests = false;
        boolean schema1 = false;
        for (Map.Entry<String, JsonNode> field : doc.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equalsIgnoreCase("mediaType")) {
                if (value.isTextual()) {
                    declared = value.textValue();
                } else if (!value.isNull()) {
                    throw invalid("mediaType must be a string");
                }
            }
            config |= key.equalsIgnoreCase("config");
            layers |= key.equalsIgnoreCase("layers");
            manifests |= key.equalsIgnoreCase("manifests");
            schema1 |= key.equalsIgnoreCase("fsLayers");
        }
        if (schema1) {
            throw invalid("media-type: schema 1 not supported");
        }
        if (MediaTypes.isManifestType(mediaType) && (manifests || MediaTypes.isIndexType(declared))) {
            throw invalid("media-type: expected manifest but found index (" + mediaType + ")");
        }
        if (MediaTypes.isIndexType(mediaType) && (config || layers || MediaTypes.isManifestType(declared))) {
            throw invalid("media-type: expected index but found manifest (" + mediaType + ")");
        }
    }

    private static ErrdefsException invalid(String message) {
        return new ErrdefsException(ErrorKind.INVALID_ARGUMENT, message);
    }
}
