package io.jcontainerd.ctr.commands.leases;

import io.jcontainerd.client.LeasesClient;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "ls", header = "list all active leases", description = "list active leases by containerd",
        customSynopsis = "[flags] <filter>")
final class ListCommand implements CtrCommand {
    /** ctr's usage text says "blob digest"; kept for identical help. */
    @Option(names = {"--quiet", "-quiet", "-q", "--q"}, description = "print only the blob digest")
    boolean quiet;

    /** containerd filters on {@code id} and {@code labels.<key>}; a lease matching any is listed. */
    @Parameters
    List<String> filters = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        LeasesClient leasesClient = context.client().leases();
        List<Lease> leases;
        try {
            leases = leasesClient.list(filters);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "failed to list leases: " + e.getMessage(), e);
        }
        context.out().print(quiet ? LeaseText.ids(leases) : LeaseText.table(leases, ZoneId.systemDefault()));
        return 0;
    }
}
