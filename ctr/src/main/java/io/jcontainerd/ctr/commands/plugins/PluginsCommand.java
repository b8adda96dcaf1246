package io.jcontainerd.ctr.commands.plugins;

import picocli.CommandLine.Command;

@Command(name = "plugins", aliases = "plugin", header = "provides information about containerd plugins",
        subcommands = ListCommand.class)
public final class PluginsCommand {
}
