package io.jcontainerd.ctr.commands.images;

import picocli.CommandLine.Command;

/** ctr's {@code images} group, in ctr's order; convert is not there yet. */
@Command(name = "images", aliases = {"image", "i"}, header = "manage images",
        subcommands = {CheckCommand.class, ExportCommand.class, ImportCommand.class, ListCommand.class,
            MountCommand.class, UnmountCommand.class, PullCommand.class, PushCommand.class, RemoveCommand.class, TagCommand.class, LabelCommand.class})
public final class ImagesCommand {
}
