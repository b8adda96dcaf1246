package io.jcontainerd.ctr.commands.content;

import picocli.CommandLine.Command;

/** ctr's content subcommands. */
@Command(name = "content", header = "manage content",
        subcommands = {ActiveCommand.class, DeleteCommand.class, EditCommand.class, FetchCommand.class, FetchObjectCommand.class,
            GetCommand.class, IngestCommand.class, ListCommand.class, PushObjectCommand.class, LabelCommand.class,
            PruneCommand.class})
public final class ContentCommand {
}
