package io.jcontainerd.ctr.commands.namespaces;

import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "namespaces", aliases = {"namespace", "ns"}, header = "manage namespaces")
public final class NamespacesCommand {
    /** Its commands in ctr's order; added by the app as a command line needs them (see RootCommand). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            CreateCommand.class, ListCommand.class, RemoveCommand.class, LabelCommand.class);
}
