package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import picocli.CommandLine.ParentCommand;

/** A subcommand working on the snapshotter the group's {@code --snapshotter} names. */
abstract class SnapshotterCommand implements CtrCommand {
    @ParentCommand
    SnapshotsCommand group;

    /**
     * {@return the snapshotter named, or overlayfs for an empty name} ctr's
     * {@code client.SnapshotService} would read the namespace's default-snapshotter label, but
     * asks without a namespace (ctr sets no client default), fails and falls back to overlayfs;
     * only {@code unpack} honours the label.
     */
    SnapshotsClient snapshotter(CommandContext context) {
        String name = group.snapshotter.name;
        return context.client().snapshots(name.isEmpty() ? ContainerdClient.DEFAULT_SNAPSHOTTER : name);
    }
}
