package io.jcontainerd.image;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The labels a parent blob gets so garbage collection keeps its children (upstream's
 * {@code ChildGCLabels} and {@code SetChildrenMappedLabels}): a config is
 * {@code containerd.io/gc.ref.content.config}, manifests {@code …content.m.<i>}, layers
 * {@code …content.l.<i>}, anything else {@code …content.<i>}.
 */
public final class ChildGcLabels {
    private static final String PREFIX = "containerd.io/gc.ref.content.";

    private ChildGcLabels() {
    }

    /** {@return the label keys referencing {@code child} by its media type (a trailing '.' asks for a number)} */
    public static List<String> forChild(ImageDescriptor child) {
        String mt = child.mediaType();
        if (MediaTypes.isKnownConfig(mt)) {
            return List.of(PREFIX + "config");
        }
        if (MediaTypes.isManifestType(mt)) {
            return List.of(PREFIX + "m.");
        }
        if (MediaTypes.isLayerType(mt)) {
            return List.of(PREFIX + "l.");
        }
        return List.of(PREFIX);
    }

    /** {@return {@link #forChild} without layers: what a parent gets when layers are not kept (e.g. after unpack discards them)} */
    public static List<String> forChildExceptLayers(ImageDescriptor child) {
        return MediaTypes.isLayerType(child.mediaType()) ? List.of() : forChild(child);
    }

    /**
     * {@return the labels for {@code children}, in order: each key from {@code keys} numbered by how
     * often it occurred before (a key ending in '.' always numbered, from 0; another only from its
     * second use, from 1), each valued with the child's digest}
     */
    public static Map<String, String> labels(List<ImageDescriptor> children, Function<ImageDescriptor, List<String>> keys) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ImageDescriptor child : children) {
            for (String key : keys.apply(child)) {
                int index = seen.merge(key, 1, Integer::sum) - 1;
                String numbered = index > 0 || key.endsWith(".") ? key + index : key;
                labels.put(numbered, child.digest().toString());
            }
        }
        return labels;
    }
}
