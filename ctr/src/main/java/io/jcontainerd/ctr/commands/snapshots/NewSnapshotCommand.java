package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.ctr.commands.CommandContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code prepare} and {@code view}: make a snapshot {@code <key>} on an optional parent, then
 * print its mount commands for {@code --target} and/or its mounts as JSON. Without a key, or with
 * more than two arguments, the help.
 */
abstract class NewSnapshotCommand extends SnapshotterCommand {
    @Option(names = {"--target", "-target", "-t", "--t"}, description = "mount target path, will print mount, if provided")
    String target = "";

    @Option(names = {"--mounts", "-mounts"}, description = "Print out snapshot mounts as JSON")
    boolean printMounts;

    @Parameters
    List<String> args = new ArrayList<>();

    /** Makes the snapshot, returning its mounts. */
    abstract List<Mount> create(SnapshotsClient snapshotter, String key, String parent);

    @Override
    public int run(CommandContext context) {
        if (args.isEmpty() || args.size() > 2) {
            context.out().print(context.helpScreen());
            return 0;
        }
        List<Mount> mounts = create(snapshotter(context), args.getFirst(), args.size() > 1 ? args.get(1) : "");
        if (!target.isEmpty()) {
            context.out().print(SnapshotsText.mountCommands(target, mounts));
        }
        if (printMounts) {
            context.out().println(SnapshotJson.mounts(mounts));
        }
        return 0;
    }
}
