package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.ctr.commands.SnapshotterFlag;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** ctr's {@code snapshots} group, subcommands in ctr's order; {@code --snapshotter} goes before the subcommand. */
@Command(name = "snapshots", aliases = "snapshot", header = "manage snapshots")
public final class SnapshotsCommand {
    /** Its commands in ctr's order; added by the app as a command line needs them (see RootCommand). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            CommitCommand.class, DiffCommand.class, InfoCommand.class, ListCommand.class, MountsCommand.class,
            PrepareCommand.class, DeleteCommand.class, LabelCommand.class, TreeCommand.class, UnpackCommand.class,
            UsageCommand.class, ViewCommand.class);

    @Mixin
    SnapshotterFlag snapshotter;
}
