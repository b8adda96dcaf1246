package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.text.TabWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The containers matching any filter, as ctr's table (an image-less container shows "-") or their ids. */
@Command(name = "list", aliases = "ls", header = "list containers", customSynopsis = "[flags] [<filter>, ...]")
final class ListCommand implements CtrCommand {
    @Option(names = {"--quiet", "-quiet", "-q", "--q"}, description = "print only the container id")
    boolean quiet;

    @Parameters
    List<String> filters = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        List<Container> containers = context.client().containers().list(filters);
        if (quiet) {
            containers.forEach(c -> context.out().println(c.id()));
            return 0;
        }
        StringBuilder b = new StringBuilder();
        TabWriter table = new TabWriter(b, 4, 8, 4, ' ');
        table.println("CONTAINER\tIMAGE\tRUNTIME\t");
        for (Container c : containers) {
            table.println(c.id() + "\t" + (c.image().isEmpty() ? "-" : c.image()) + "\t" + c.runtime().name() + "\t");
        }
        table.flush();
        context.out().print(b);
        return 0;
    }
}
