package io.jcontainerd.ctr.commands.leases;

import io.jcontainerd.client.LeasesClient;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Deletes each lease in turn, printing its ID, and stops at the first failure, as ctr does.
 * Without IDs it shows its help. {@code --sync} goes with the last deletion only: one collection
 * at the end covers them all.
 */
@Command(name = "delete", aliases = {"del", "remove", "rm"}, header = "delete a lease", description = "delete a lease",
        customSynopsis = "[flags] <lease id> ...")
final class DeleteCommand implements CtrCommand {
    @Option(names = {"--sync", "-sync"}, description = "Synchronously remove leases and all unreferenced resources")
    boolean sync;

    @Parameters
    List<String> ids = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        if (ids.isEmpty()) {
            context.out().print(context.helpScreen());
            return 0;
        }
        LeasesClient leases = context.client().leases();
        for (int i = 0; i < ids.size(); i++) {
            leases.delete(ids.get(i), sync && i == ids.size() - 1);
            context.out().println(ids.get(i));
        }
        return 0;
    }
}
