package io.jcontainerd.ctr.commands.leases;

import picocli.CommandLine.Command;

@Command(name = "leases", header = "manage leases",
        subcommands = {ListCommand.class, CreateCommand.class, DeleteCommand.class})
public final class LeasesCommand {
}
