package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.ctr.commands.SnapshotterFlag;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.images.Unpacker;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.image.Platforms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Unpacks, for the host platform, the first image whose target is the digest given, as ctr does:
 * into the snapshotter of this command's own {@code --snapshotter} (the group's is not consulted),
 * empty meaning the namespace's default.
 */
@Command(name = "unpack", header = "unpack applies layers from a manifest to a snapshot", customSynopsis = "[flags] <digest>")
final class UnpackCommand implements CtrCommand {
    @Mixin
    SnapshotterFlag snapshotter;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        Digest digest = Digest.parse(args.isEmpty() ? "" : args.getFirst());
        ContainerdClient client = context.client();
        context.log().debug("unpacking layers from manifest " + digest, Map.of());
        for (Image image : client.images().list(List.of())) {
            if (image.target().digest().equals(digest)) {
                context.out().print("unpacking " + digest + " (" + image.target().mediaType() + ")...");
                try {
                    new Unpacker(client).unpack(image, Platforms.defaultMatcher(), snapshotter.name);
                } catch (ErrdefsException | IOException e) {
                    context.out().println();
                    throw e;
                }
                context.out().println("done");
                return 0;
            }
        }
        throw new CommandException("manifest not found");
    }
}
