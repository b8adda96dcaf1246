package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.client.images.Unpacker;
import io.jcontainerd.client.oci.RuntimeSpec;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.namespaces.Labels;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import io.jcontainerd.ctr.commands.SnapshotterFlag;
import io.jcontainerd.image.ChainIds;
import io.jcontainerd.image.ContainerConfig;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platforms;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ctr's {@code containers create}: a container from an image (see {@link ContainerFlags}), no task. */
@Command(name = "create", header = "create container", customSynopsis = "[flags] Image|RootFS CONTAINER [COMMAND] [ARG...]")
final class CreateCommand implements CtrCommand {
    @Mixin
    ContainerFlags flags;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String ref = args.isEmpty() ? "" : args.getFirst();
        String id = args.size() < 2 ? "" : args.get(1);
        if (ref.isEmpty()) {
            throw new CommandException("image ref must be provided: invalid argument");
        }
        if (id.isEmpty()) {
            throw new CommandException("container id must be provided: invalid argument");
        }
        flags.newContainer(context, ref, id, args.subList(2, args.size()));
        return 0;
    }
}
