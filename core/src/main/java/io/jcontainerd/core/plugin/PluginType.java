package io.jcontainerd.core.plugin;

import java.util.Objects;

/** A versioned reverse-DNS plugin type such as {@code io.containerd.grpc.v1}; "*" matches any type in requires. */
public record PluginType(String value) {
    public static final PluginType ANY = new PluginType("*");

    public PluginType {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("plugin type must not be empty");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
