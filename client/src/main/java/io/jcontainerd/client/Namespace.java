package io.jcontainerd.client;

import java.util.Map;

/**
 * A namespace and its labels.
 *
 * @param labels unmodifiable; empty when the namespace has none
 */
public record Namespace(String name, Map<String, String> labels) {
    public Namespace {
        labels = Map.copyOf(labels);
    }
}
