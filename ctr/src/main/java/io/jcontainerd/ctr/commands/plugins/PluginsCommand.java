package io.jcontainerd.ctr.commands.plugins;

import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "plugins", aliases = "plugin", header = "provides information about containerd plugins")
public final class PluginsCommand {
    /** Its commands in ctr's order; added by the app as a command line needs them (see RootCommand). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(ListCommand.class);
}
