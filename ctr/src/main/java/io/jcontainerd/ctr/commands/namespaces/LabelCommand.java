package io.jcontainerd.ctr.commands.namespaces;

import io.jcontainerd.client.NamespacesClient;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "label", header = "set and clear labels for a namespace",
        description = "set and clear labels for a namespace. empty value clears the label",
        customSynopsis = "<name> [<key>=<value>, ...]")
final class LabelCommand implements CtrCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        ObjectWithLabels ns = ObjectWithLabels.parse(args);
        if (ns.name().isEmpty()) {
            throw new CommandException("please specify a namespace");
        }
        NamespacesClient namespaces = context.client().namespaces();
        // one update per label, stopping at the first failure, as ctr does
        ns.labels().forEach((key, value) -> namespaces.setLabel(ns.name(), key, value));
        return 0;
    }
}
