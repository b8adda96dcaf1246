package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.ctr.commands.CommandContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints the {@code mount} commands that would mount a snapshot on a target; anything but two arguments shows the help. */
@Command(name = "mounts", aliases = {"m", "mount"}, header = "mount gets mount commands for the snapshots",
        customSynopsis = "<target> <key>")
final class MountsCommand extends SnapshotterCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        if (args.size() != 2) {
            context.out().print(context.helpScreen());
            return 0;
        }
        context.out().print(SnapshotsText.mountCommands(args.getFirst(), snapshotter(context).mounts(args.get(1))));
        return 0;
    }
}
