package io.jcontainerd.core.snapshots;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a snapshotter knows about one snapshot, as containerd's {@code snapshots.Info}.
 *
 * @param kind    active, view or committed
 * @param name    the key of an active or view snapshot, the name of a committed one
 * @param parent  the name of the committed parent, {@code ""} for none
 * @param labels  mutable labels; never null
 * @param created when the snapshot was made (for a committed one: when it was committed)
 * @param updated when its information last changed
 */
public record Info(Kind kind, String name, String parent, Map<String, String> labels, Instant created,
        Instant updated) {
    public Info {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        parent = parent == null ? "" : parent;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** {@return a copy with {@code labels} instead} */
    public Info withLabels(Map<String, String> labels) {
        return new Info(kind, name, parent, labels, created, updated);
    }
}
