package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Deletes each image, printing the names deleted. As ctr: a missing image is a warning, other
 * failures are logged and the first fails the command after all are tried; {@code --sync} goes
 * with the last deletion, whose collection covers them all.
 */
@Command(name = "delete", aliases = {"del", "remove", "rm"}, header = "remove one or more images by reference",
        description = "remove one or more images by reference", customSynopsis = "[flags] <ref> [<ref>, ...]")
final class RemoveCommand implements CtrCommand {
    @Option(names = {"--sync", "-sync"}, description = "Synchronously remove image and all associated resources")
    boolean sync;

    @Parameters
    List<String> names = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        var images = context.client().images();
        CommandException first = null;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            try {
                images.delete(name, sync && i == names.size() - 1);
                context.out().println(name);
            } catch (ErrdefsException e) {
                if (e.kind() == ErrorKind.NOT_FOUND) {
                    context.log().warn(name + ": image not found", Map.of());
                    continue;
                }
                first = first == null ? new CommandException("unable to delete " + name + ": " + e.getMessage()) : first;
                context.log().error("unable to delete " + name, Map.of("error", e.getMessage()));
            }
        }
        if (first != null) {
            throw first;
        }
        return 0;
    }
}
