package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.ctr.commands.CommandContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints a snapshot's information as JSON; anything but one key shows the help. */
@Command(name = "info", header = "get info about a snapshot", customSynopsis = "<key>")
final class InfoCommand extends SnapshotterCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        if (args.size() != 1) {
            context.out().print(context.helpScreen());
            return 0;
        }
        context.out().println(SnapshotJson.info(snapshotter(context).stat(args.getFirst())));
        return 0;
    }
}
