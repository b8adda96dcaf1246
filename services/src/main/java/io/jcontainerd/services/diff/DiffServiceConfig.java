package io.jcontainerd.services.diff;

import java.util.List;

/** {@code [plugins."io.containerd.service.v1.diff-service"]}: {@code default}, the differs to try, in order. */
public record DiffServiceConfig(List<String> default_) {
    public static DiffServiceConfig defaults() {
        return new DiffServiceConfig(List.of("walking"));
    }
}
