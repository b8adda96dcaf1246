package io.jcontainerd.plugins.runtime.v2;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's OCI spec as the daemon writes it into the bundle: its bytes, and the annotations
 * {@link ShimGroups} reads and adds to. An added annotation leaves the rest as it was read:
 * numbers keep their digits (uint64 masks, exact decimals), members their order. A spec that is
 * no JSON object is written as given, for runc to report.
 */
final class BundleSpec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // what a rewrite would change: text after the object, a key twice (Go merges objects)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final byte[] bytes;
    /** Null when the bytes are no JSON object. */
    private final ObjectNode tree;

    private BundleSpec(byte[] bytes, ObjectNode tree) {
        this.bytes = bytes;
        this.tree = tree;
    }

    static BundleSpec of(byte[] bytes) {
        ObjectNode tree = null;
        try {
            if (bytes.length > 0 && JSON.readTree(bytes) instanceof ObjectNode object) {
                tree = object;
            }
        } catch (IOException e) {
            // not JSON: tree stays null
        }
        return new BundleSpec(bytes, tree);
    }

    byte[] bytes() {
        return bytes;
    }

    /** {@return whether annotations can be added: the spec is a JSON object} */
    boolean editable() {
        return tree != null;
    }

    /** {@return the string annotations} */
    Map<String, String> annotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (tree != null && tree.get("annotations") instanceof ObjectNode found) {
            for (Map.Entry<String, JsonNode> e : found.properties()) {
                if (e.getValue().isTextual()) {
                    annotations.put(e.getKey(), e.getValue().textValue());
                }
            }
        }
        return annotations;
    }

    /**
     * {@return this spec's bytes with annotation {@code key} set to {@code value}}
     *
     * @throws IllegalStateException when the spec is not {@link #editable}
     */
    byte[] withAnnotation(String key, String value) {
        if (tree == null) {
            throw new IllegalStateException("the spec is no JSON object");
        }
        ObjectNode copy = tree.deepCopy();
        ObjectNode annotations = copy.get("annotations") instanceof ObjectNode found ? found : copy.putObject("annotations");
        annotations.put(key, value);
        try {
            return JSON.writeValueAsBytes(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
