package io.jcontainerd.ctr.commands.oci;

import picocli.CommandLine.Command;

@Command(name = "oci", header = "OCI tools", subcommands = SpecCommand.class)
public final class OciCommand {
}
