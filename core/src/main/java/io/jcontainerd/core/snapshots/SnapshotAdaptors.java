package io.jcontainerd.core.snapshots;

import io.jcontainerd.core.filters.Adaptor;
import io.jcontainerd.core.filters.Adaptors;
import java.util.Optional;

/** The fields filters see on a snapshot, as upstream's storage {@code adaptSnapshot}. */
public final class SnapshotAdaptors {
    private SnapshotAdaptors() {
    }

    /**
     * {@return {@code kind} ({@code active}, {@code view}, {@code committed}), {@code name},
     * {@code parent} (present even when empty, so {@code parent!=""} selects children) and
     * {@code labels.<key>}}
     */
    public static Adaptor info(Info info) {
        return fieldpath -> switch (fieldpath.getFirst()) {
            case "kind" -> Adaptors.nonEmpty(info.kind().filterName());
            case "name" -> Optional.of(info.name());
            case "parent" -> Optional.of(info.parent());
            case "labels" -> Adaptors.labels(info.labels(), fieldpath.subList(1, fieldpath.size()));
            default -> Optional.empty();
        };
    }
}
