package io.jcontainerd.plugins.snapshots.storage;

import io.jcontainerd.core.snapshots.Kind;

/** What {@link Transaction#remove} took out: the id of the snapshot's directory and the kind it had. */
public record Removed(String id, Kind kind) {
}
