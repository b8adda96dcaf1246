package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.core.containers.Container;
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
 * Deletes each container and, unless kept, its snapshot. As ctr: every one is tried, failures are
 * logged, and the first fails the command.
 */
@Command(name = "delete", aliases = {"del", "remove", "rm"}, header = "delete one or more existing containers",
        customSynopsis = "[flags] CONTAINER [CONTAINER, ...]")
final class DeleteCommand implements CtrCommand {
    @Option(names = {"--keep-snapshot", "-keep-snapshot"}, description = "do not clean up snapshot with container")
    boolean keepSnapshot;

    @Parameters
    List<String> ids = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        if (ids.isEmpty()) {
            throw new CommandException("must specify at least one container to delete: invalid argument");
        }
        RuntimeException first = null;
        for (String id : ids) {
            try {
                delete(context, id);
            } catch (ErrdefsException | CommandException e) {
                first = first == null ? e : first;
                context.log().error("failed to delete container " + quoted(id), Map.of("error", e.getMessage()));
            }
        }
        if (first != null) {
            throw first;
        }
        return 0;
    }

    private void delete(CommandContext context, String id) {
        ContainerRemoval.remove(context.client(), id, !keepSnapshot);
    }

    private static String quoted(String s) {
        return io.jcontainerd.core.errdefs.Errdefs.quote(s);
    }
}
