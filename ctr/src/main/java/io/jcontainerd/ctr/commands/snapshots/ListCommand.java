package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.ctr.commands.CommandContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Lists every snapshot in the daemon's order; arguments are ignored, as ctr ignores them. */
@Command(name = "list", aliases = "ls", header = "list snapshots")
final class ListCommand extends SnapshotterCommand {
    @Parameters
    List<String> ignored = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        List<Info> snapshots = new ArrayList<>();
        snapshotter(context).walk(List.of(), snapshots::add);
        context.out().print(SnapshotsText.list(snapshots));
        return 0;
    }
}
