package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.ctr.commands.CommandContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints the snapshots as a forest of parents and children; arguments are ignored, as ctr ignores them. */
@Command(name = "tree", header = "display tree view of snapshot branches")
final class TreeCommand extends SnapshotterCommand {
    @Parameters
    List<String> ignored = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        SnapshotTree tree = new SnapshotTree();
        snapshotter(context).walk(List.of(), tree::add);
        context.out().print(tree.render());
        return 0;
    }
}
