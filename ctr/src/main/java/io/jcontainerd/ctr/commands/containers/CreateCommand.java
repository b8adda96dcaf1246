package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** ctr's {@code containers create}: a container from an image (see {@link ContainerFlags}), no task. */
@Command(name = "create", header = "create container", customSynopsis = "[flags] Image|RootFS CONTAINER [COMMAND] [ARG...]")
final class CreateCommand implements CtrCommand {
    @Mixin
    ContainerFlags flags;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String ref = args.isEmpty() ? "" : args.getFirst();
        String id = args.size() < 2 ? "" : args.get(1);
        if (ref.isEmpty()) {
            throw new CommandException("image ref must be provided: invalid argument");
        }
        if (id.isEmpty()) {
            throw new CommandException("container id must be provided: invalid argument");
        }
        flags.newContainer(context, ref, id, args.subList(2, args.size()));
        return 0;
    }
}
