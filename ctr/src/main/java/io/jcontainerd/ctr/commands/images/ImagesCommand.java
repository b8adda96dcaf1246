package io.jcontainerd.ctr.commands.images;

import java.util.List;
import picocli.CommandLine.Command;

/** ctr's {@code images} group, in ctr's order; convert is not there yet. */
@Command(name = "images", aliases = {"image", "i"}, header = "manage images")
public final class ImagesCommand {
    /** Its commands in ctr's order; added by the app as a command line needs them (see RootCommand). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            CheckCommand.class, ExportCommand.class, ImportCommand.class, ListCommand.class, MountCommand.class,
            UnmountCommand.class, PullCommand.class, PushCommand.class, RemoveCommand.class, TagCommand.class,
            LabelCommand.class);
}
