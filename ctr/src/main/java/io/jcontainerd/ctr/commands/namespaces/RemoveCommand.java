package io.jcontainerd.ctr.commands.namespaces;

import io.jcontainerd.client.NamespacesClient;
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
 * Removes each name in turn. A missing namespace counts as removed; other failures are logged,
 * the rest still tried, and the first one decides the exit status, as with ctr.
 */
@Command(name = "remove", aliases = "rm", header = "remove one or more namespaces",
        description = "remove one or more namespaces. for now, the namespace must be empty",
        customSynopsis = "<name> [<name>, ...]")
final class RemoveCommand implements CtrCommand {
    @Option(names = {"--cgroup", "-cgroup", "-c", "--c"}, description = "delete the namespace's cgroup")
    boolean cgroup;

    @Parameters
    List<String> names = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        NamespacesClient namespaces = context.client().namespaces();
        String firstFailure = null;
        for (String name : names) {
            try {
                if (cgroup) {
                    NamespaceCgroup.delete(name);
                }
                namespaces.delete(name);
            } catch (ErrdefsException e) {
                if (!e.is(ErrorKind.NOT_FOUND)) {
                    firstFailure = firstFailure != null ? firstFailure : "unable to delete " + name + ": " + e.getMessage();
                    context.log().error("unable to delete " + name, Map.of("error", e.getMessage()));
                    continue;
                }
            }
            context.out().println(name);
        }
        if (firstFailure != null) {
            throw new CommandException(firstFailure);
        }
        return 0;
    }
}
