package io.jcontainerd.core.snapshots;

import java.util.Optional;
import java.util.Set;

/** Snapshotters as the metadata layer offers them: each backend seen per namespace, under an optional lease. */
public interface NamespacedSnapshotters {
    /** {@return the names of the loaded snapshotters} */
    Set<String> names();

    /**
     * {@return snapshotter {@code name} as {@code namespace} sees it}; what a call under {@code lease}
     * creates is added to that lease
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when no such snapshotter is loaded
     */
    Snapshotter in(String name, String namespace, Optional<String> lease);
}
