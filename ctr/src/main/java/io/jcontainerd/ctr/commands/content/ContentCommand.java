package io.jcontainerd.ctr.commands.content;

import picocli.CommandLine.Command;

/** ctr's subcommands that need no registry or editor; fetch, push, edit and prune come with images. */
@Command(name = "content", header = "manage content",
        subcommands = {ActiveCommand.class, DeleteCommand.class, GetCommand.class, IngestCommand.class,
            ListCommand.class, LabelCommand.class})
public final class ContentCommand {
}
