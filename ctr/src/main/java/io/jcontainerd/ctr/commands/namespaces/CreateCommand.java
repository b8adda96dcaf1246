package io.jcontainerd.ctr.commands.namespaces;

import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "create", aliases = "c", header = "create a new namespace",
        description = "create a new namespace. it must be unique", customSynopsis = "<name> [<key>=<value>]")
final class CreateCommand implements CtrCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        ObjectWithLabels ns = ObjectWithLabels.parse(args);
        if (ns.name().isEmpty()) {
            throw new CommandException("please specify a namespace");
        }
        context.client().namespaces().create(ns.name(), ns.labels());
        return 0;
    }
}
