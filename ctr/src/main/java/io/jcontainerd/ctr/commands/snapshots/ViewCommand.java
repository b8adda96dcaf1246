package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.core.mount.Mount;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** Makes a read-only view; unlike {@code prepare}, ctr gives it no garbage collection root label. */
@Command(name = "view", header = "create a read-only snapshot from a committed snapshot",
        customSynopsis = "[flags] <key> [<parent>]")
final class ViewCommand extends NewSnapshotCommand {
    @Override
    List<Mount> create(SnapshotsClient snapshotter, String key, String parent) {
        return snapshotter.view(key, parent, Map.of());
    }
}
