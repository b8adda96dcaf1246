package io.jcontainerd.plugins.snapshots.storage;

import io.jcontainerd.core.snapshots.Kind;
import java.util.List;
import java.util.Objects;

/**
 * An active or view snapshot as a backend needs it to build mounts, as upstream's
 * {@code storage.Snapshot}.
 *
 * @param id        the snapshot's directory name
 * @param kind      ACTIVE or VIEW
 * @param parentIds the ids of the committed ancestors, the immediate parent first and the base last
 */
public record Snapshot(String id, Kind kind, List<String> parentIds) {
    public Snapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        parentIds = List.copyOf(parentIds);
    }
}
