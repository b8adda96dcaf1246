package io.jcontainerd.ctr.commands.content;

import picocli.CommandLine.Command;

/** {@code content prune}: only a group; its one action is {@link PruneReferencesCommand}. */
@Command(name = "prune", header = "prunes content from the content store", subcommands = PruneReferencesCommand.class)
final class PruneCommand {
}
