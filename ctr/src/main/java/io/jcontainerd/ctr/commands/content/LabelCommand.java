package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import io.jcontainerd.ctr.text.LabelPairs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Sets (or, with an empty value, removes) the labels given, then prints the blob's labels; without labels only prints them. */
@Command(name = "label", header = "add labels to content", description = "labels blobs in the content store",
        customSynopsis = "<digest> [<label>=<value> ...]")
final class LabelCommand implements CtrCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        ObjectWithLabels object = ObjectWithLabels.parse(args);
        var content = context.client().content();
        Digest digest = Digest.parse(object.name());
        Map<String, String> labels = new HashMap<>();
        List<String> paths = new ArrayList<>();
        object.labels().forEach((key, value) -> {
            paths.add("labels." + key);
            if (!value.isEmpty()) {
                labels.put(key, value);
            }
        });
        Info info = paths.isEmpty() ? content.info(digest) : content.update(digest, labels, paths);
        context.out().println(LabelPairs.joined(info.labels()));
        return 0;
    }
}
