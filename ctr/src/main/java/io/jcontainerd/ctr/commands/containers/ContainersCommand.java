package io.jcontainerd.ctr.commands.containers;

import java.util.List;
import picocli.CommandLine.Command;

/** ctr's {@code containers} group, in ctr's order. */
@Command(name = "containers", aliases = {"c", "container"}, header = "manage containers")
public final class ContainersCommand {
    /** Its commands in ctr's order; added by the app as a command line needs them (see RootCommand). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            CreateCommand.class, DeleteCommand.class, InfoCommand.class, ListCommand.class, LabelCommand.class);
}
