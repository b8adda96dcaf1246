package io.jcontainerd.ctr.commands.content;

import java.util.List;
import picocli.CommandLine.Command;

/** ctr's content subcommands. */
@Command(name = "content", header = "manage content")
public final class ContentCommand {
    /** Its commands in ctr's order; added by the app as a command line needs them (see RootCommand). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            ActiveCommand.class, DeleteCommand.class, EditCommand.class, FetchCommand.class, FetchObjectCommand.class,
            GetCommand.class, IngestCommand.class, ListCommand.class, PushObjectCommand.class, LabelCommand.class,
            PruneCommand.class);
}
