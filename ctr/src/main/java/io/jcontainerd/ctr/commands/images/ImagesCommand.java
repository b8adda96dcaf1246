package io.jcontainerd.ctr.commands.images;

import picocli.CommandLine.Command;

/** ctr's {@code images} group; list, check, import, export, mount and pull arrive with the image model and snapshots. */
@Command(name = "images", aliases = {"image", "i"}, header = "manage images",
        subcommands = {RemoveCommand.class, TagCommand.class, LabelCommand.class})
public final class ImagesCommand {
}
