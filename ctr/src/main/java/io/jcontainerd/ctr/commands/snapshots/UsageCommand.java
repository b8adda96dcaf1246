package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Usage;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.image.HumanBytes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Prints the disk usage of the snapshots named, or of every snapshot; sizes in ctr's human units
 * or, with {@code -b}, in bytes. The first failure ends the command with nothing printed, as the
 * table is written only at the end.
 */
@Command(name = "usage", header = "usage snapshots", customSynopsis = "[flags] [<key>, ...]")
final class UsageCommand extends SnapshotterCommand {
    @Option(names = {"-b", "--b"}, description = "display size in bytes")
    boolean bytes;

    @Parameters
    List<String> keys = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        SnapshotsClient snapshotter = snapshotter(context);
        List<String> names = keys;
        if (names.isEmpty()) {
            List<String> all = new ArrayList<>();
            snapshotter.walk(List.of(), (Info info) -> all.add(info.name()));
            names = all;
        }
        List<SnapshotsText.UsageRow> rows = new ArrayList<>(names.size());
        for (String name : names) {
            Usage usage = snapshotter.usage(name);
            rows.add(new SnapshotsText.UsageRow(name, bytes ? Long.toString(usage.size()) : HumanBytes.format(usage.size()),
                    usage.inodes()));
        }
        context.out().print(SnapshotsText.usage(rows));
        return 0;
    }
}
