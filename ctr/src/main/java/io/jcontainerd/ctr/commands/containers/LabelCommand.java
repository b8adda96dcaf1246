package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import io.jcontainerd.ctr.text.LabelPairs;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Sets the labels given, one field path each, and prints the container's labels. Without labels
 * ctr sends an update with no field paths, which the daemon refuses (the snapshotter would
 * change); so does this.
 */
@Command(name = "label", header = "set and clear labels for a container",
        description = "set and clear labels for a container", customSynopsis = "[flags] CONTAINER [<key>=<value>, ...]")
final class LabelCommand implements CtrCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        ObjectWithLabels object = ObjectWithLabels.parse(args);
        if (object.name().isEmpty()) {
            throw new CommandException("container id must be provided: invalid argument");
        }
        List<String> paths = object.labels().keySet().stream().map(key -> "labels." + key).toList();
        Container request = new Container(object.name(), object.labels(), "", null, null, "", "", null, null, null);
        Container updated = context.client().containers().update(request, paths);
        context.out().println(LabelPairs.joined(updated.labels()));
        return 0;
    }
}
