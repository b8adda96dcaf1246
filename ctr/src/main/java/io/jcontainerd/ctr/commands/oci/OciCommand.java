package io.jcontainerd.ctr.commands.oci;

import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "oci", header = "OCI tools")
public final class OciCommand {
    /** Its commands in ctr's order; added by the app as a command line needs them (see RootCommand). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(SpecCommand.class);
}
