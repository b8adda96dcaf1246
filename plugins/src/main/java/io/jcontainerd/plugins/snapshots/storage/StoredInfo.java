package io.jcontainerd.plugins.snapshots.storage;

import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Usage;

/**
 * One snapshot's record, as upstream's {@code storage.GetInfo} returns it.
 *
 * @param id    its directory name
 * @param usage what was recorded at commit; zero for active and view snapshots
 */
public record StoredInfo(String id, Info info, Usage usage) {
}
