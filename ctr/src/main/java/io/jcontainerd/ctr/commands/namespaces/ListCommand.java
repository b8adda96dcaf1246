package io.jcontainerd.ctr.commands.namespaces;

import io.jcontainerd.client.Namespace;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "ls", header = "list namespaces", description = "list namespaces",
        customSynopsis = "[flags]")
final class ListCommand implements CtrCommand {
    @Option(names = {"--quiet", "-quiet", "-q", "--q"}, description = "print only the namespace name")
    boolean quiet;

    @Parameters(hidden = true, description = "ignored, as ctr ignores them")
    List<String> ignored;

    @Override
    public int run(CommandContext context) {
        List<Namespace> namespaces = context.client().namespaces().list();
        context.out().print(quiet ? NamespaceText.names(namespaces) : NamespaceText.table(namespaces));
        return 0;
    }
}
