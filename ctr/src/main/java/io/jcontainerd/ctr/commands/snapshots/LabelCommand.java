package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import io.jcontainerd.ctr.text.LabelPairs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Sets (or, with an empty value, removes) the labels given, then prints the snapshot's labels;
 * without labels only prints them. ctr prints them in Go's random map order, this sorted.
 */
@Command(name = "label", header = "add labels to content", description = "labels snapshots in the snapshotter",
        customSynopsis = "<name> [<label>=<value> ...]")
final class LabelCommand extends SnapshotterCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        ObjectWithLabels object = ObjectWithLabels.parse(args);
        SnapshotsClient snapshotter = snapshotter(context);
        Map<String, String> labels = new HashMap<>();
        List<String> paths = new ArrayList<>();
        object.labels().forEach((key, value) -> {
            paths.add("labels." + key);
            if (!value.isEmpty()) {
                labels.put(key, value);
            }
        });
        Info info = paths.isEmpty()
                ? snapshotter.stat(object.name())
                : snapshotter.update(new Info(Kind.UNKNOWN, object.name(), "", labels, null, null), paths);
        context.out().println(LabelPairs.joined(info.labels()));
        return 0;
    }
}
