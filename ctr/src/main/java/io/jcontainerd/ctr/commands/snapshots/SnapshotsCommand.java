package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.ctr.commands.SnapshotterFlag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** ctr's {@code snapshots} group, subcommands in ctr's order; {@code --snapshotter} goes before the subcommand. */
@Command(name = "snapshots", aliases = "snapshot", header = "manage snapshots",
        subcommands = {CommitCommand.class, DiffCommand.class, InfoCommand.class, ListCommand.class,
            MountsCommand.class, PrepareCommand.class, DeleteCommand.class, LabelCommand.class, TreeCommand.class,
            UnpackCommand.class, UsageCommand.class, ViewCommand.class})
public final class SnapshotsCommand {
    @Mixin
    SnapshotterFlag snapshotter;
}
