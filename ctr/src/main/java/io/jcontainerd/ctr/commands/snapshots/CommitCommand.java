package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.ctr.commands.CommandContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Commits an active snapshot under a name, labelled as a garbage collection root (the time of the
 * commit), as ctr does; anything but two arguments shows the help.
 */
@Command(name = "commit", header = "commit an active snapshot into the provided name", customSynopsis = "<key> <active>")
final class CommitCommand extends SnapshotterCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        if (args.size() != 2) {
            context.out().print(context.helpScreen());
            return 0;
        }
        snapshotter(context).commit(args.getFirst(), args.get(1), GcRoot.now());
        return 0;
    }
}
