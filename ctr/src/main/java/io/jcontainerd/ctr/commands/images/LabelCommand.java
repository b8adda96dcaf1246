package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import io.jcontainerd.ctr.text.LabelPairs;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Sets the labels given (one field path each, or {@code labels} with {@code --replace-all}) and
 * prints the image's labels. Without labels ctr sends an update with no field paths, which the
 * daemon refuses for the missing target; so does this.
 */
@Command(name = "label", header = "set and clear labels for an image", description = "set and clear labels for an image",
        customSynopsis = "[flags] <name> [<key>=<value>, ...]")
final class LabelCommand implements CtrCommand {
    @Option(names = {"--replace-all", "-replace-all", "-r"}, description = "replace all labels")
    boolean replaceAll;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        ObjectWithLabels object = ObjectWithLabels.parse(args);
        if (object.name().isEmpty()) {
            throw new CommandException("please specify an image");
        }
        List<String> paths = new ArrayList<>();
        for (String key : object.labels().keySet()) {
            paths.add(replaceAll ? "labels" : "labels." + key);
        }
        Image updated = context.client().images().update(new Image(object.name(), object.labels(), null, null, null), paths);
        context.out().println(LabelPairs.joined(updated.labels()));
        return 0;
    }
}
