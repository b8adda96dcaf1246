package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.core.mount.Mount;
import java.util.List;
import picocli.CommandLine.Command;

/** Prepares an active snapshot, labelled as a garbage collection root as ctr labels it. */
@Command(name = "prepare", header = "prepare a snapshot from a committed snapshot",
        customSynopsis = "[flags] <key> [<parent>]")
final class PrepareCommand extends NewSnapshotCommand {
    @Override
    List<Mount> create(SnapshotsClient snapshotter, String key, String parent) {
        return snapshotter.prepare(key, parent, GcRoot.now());
    }
}
