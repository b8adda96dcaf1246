package io.jcontainerd.ctr.commands.leases;

import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "leases", header = "manage leases")
public final class LeasesCommand {
    /** Its commands in ctr's order; added by the app as a command line needs them (see RootCommand). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            ListCommand.class, CreateCommand.class, DeleteCommand.class);
}
