package io.jcontainerd.ctr.commands.containers;

import picocli.CommandLine.Command;

/** ctr's {@code containers} group, in ctr's order. */
@Command(name = "containers", aliases = {"c", "container"}, header = "manage containers",
        subcommands = {CreateCommand.class, DeleteCommand.class, InfoCommand.class, ListCommand.class, LabelCommand.class})
public final class ContainersCommand {
}
