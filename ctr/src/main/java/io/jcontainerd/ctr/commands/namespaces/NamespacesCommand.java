package io.jcontainerd.ctr.commands.namespaces;

import picocli.CommandLine.Command;

@Command(name = "namespaces", aliases = {"namespace", "ns"}, header = "manage namespaces",
        subcommands = {CreateCommand.class, ListCommand.class, RemoveCommand.class, LabelCommand.class})
public final class NamespacesCommand {
}
