package io.jcontainerd.ctr.commands.content;

import picocli.CommandLine.Command;

/** ctr's content subcommands; fetch, fetch-object and push-object come with registries. */
@Command(name = "content", header = "manage content",
        subcommands = {ActiveCommand.class, DeleteCommand.class, EditCommand.class, GetCommand.class, IngestCommand.class,
            ListCommand.class, LabelCommand.class, PruneCommand.class})
public final class ContentCommand {
}
