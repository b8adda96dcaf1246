package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Creates each target name pointing at the source image's target, printing each name; with
 * {@code --force} an existing name is replaced. Runs under a temporary lease, as ctr does, so the
 * daemon sees the same lease churn (its deletion schedules a collection).
 */
@Command(name = "tag", header = "tag an image", description = "Tag an image for use in containerd.",
        customSynopsis = "[flags] <source_ref> <target_ref> [<target_ref>, ...]")
final class TagCommand implements CtrCommand {
    @Option(names = {"--force", "-force"}, description = "force target_ref to be created, regardless if it already exists")
    boolean force;

    @Parameters
    List<String> refs = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        if (refs.isEmpty() || refs.getFirst().isEmpty()) {
            throw new CommandException("please provide an image reference to tag from");
        }
        if (refs.size() <= 1) {
            throw new CommandException("please provide an image reference to tag to");
        }
        context.client().withTemporaryLease(() -> {
            var images = context.client().images();
            Image source = images.get(refs.getFirst());
            for (String target : refs.subList(1, refs.size())) {
                Image tagged = new Image(target, source.labels(), source.target(), null, null);
                try {
                    images.create(tagged);
                } catch (ErrdefsException e) {
                    if (e.kind() != ErrorKind.ALREADY_EXISTS || !force) {
                        throw e;
                    }
                    images.delete(target);
                    images.create(tagged);
                }
                context.out().println(target);
            }
            return null;
        });
        return 0;
    }
}
