package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.ctr.commands.SnapshotterFlag;
import io.jcontainerd.client.PullOptions;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.RegistryFlags;
import io.jcontainerd.ctr.commands.content.FetchConfig;
import io.jcontainerd.ctr.text.GoTime;
import io.jcontainerd.image.ChainIds;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Pulls as ctr 1.6: under one lease, fetches the image (with the progress table) and unpacks it
 * for each platform asked, printing {@code unpacking <platform> <digest>...}, the chain ID when
 * asked, and {@code done: <duration>}.
 */
@Command(name = "pull", header = "pull an image from a remote", customSynopsis = "[flags] <ref>", description = """
        Fetch and prepare an image for use in containerd.

        After pulling an image, it should be ready to use the same reference in a run
        command. As part of this process, we do the following:

        1. Fetch all resources into containerd.
        2. Prepare the snapshot filesystem with the pulled resources.
        3. Register metadata for the image.
        """)
final class PullCommand implements CtrCommand {
    @Mixin
    RegistryFlags registry;

    @Mixin
    SnapshotterFlag snapshotter;

    @Option(names = {"--label", "-label"}, description = "labels to attach to the image")
    List<String> labels = new ArrayList<>();

    @Option(names = {"--platform", "-platform"}, description = "Pull content from a specific platform")
    List<String> platforms = new ArrayList<>();

    @Option(names = {"--all-platforms", "-all-platforms"}, description = "pull content and metadata from all platforms")
    boolean allPlatforms;

    @Option(names = {"--all-metadata", "-all-metadata"}, description = "Pull metadata for all platforms")
    boolean allMetadata;

    @Option(names = {"--print-chainid", "-print-chainid"}, description = "Print the resulting image's chain ID")
    boolean printChainId;

    @Option(names = {"--max-concurrent-downloads", "-max-concurrent-downloads"},
            description = "Set the max concurrent downloads for each pull", defaultValue = "0")
    int maxConcurrentDownloads;

    /** containerd 2.x's flag; hidden, as ctr 1.6 has none and jctr's help reads as ctr's. */
    @Option(names = {"--local", "-local"}, hidden = true, description = "Fetch content from local client rather than using transfer service")
    boolean local;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String ref = args.isEmpty() ? "" : args.getFirst();
        if (ref.isEmpty()) {
            throw new CommandException("please provide an image reference to pull");
        }
        var client = context.client();
        try (PullSteps steps = steps(context)) {
            if (!steps.writesOnClient()) {
                return pull(context, steps, ref);
            }
            return client.withTemporaryLease(() -> pull(context, steps, ref));
        }
    }

    /**
     * The daemon pulls when it serves the Transfer API and can do what the flags ask; otherwise,
     * and with {@code --local}, the client does as ctr 1.6 does.
     */
    private PullSteps steps(CommandContext context) throws IOException {
        if (!local && !allPlatforms && registry.daemonCanResolve() && context.client().servesTransfers()) {
            return DaemonPull.unpackingInto(context, registry.daemonPull(context, PullOptions.defaults()), snapshotter.name);
        }
        return new ClientSidePull(context, registry.open(context));
    }

    private int pull(CommandContext context, PullSteps steps, String ref) throws IOException {
        FetchConfig config = new FetchConfig(labels, platforms, allPlatforms, allMetadata, false, maxConcurrentDownloads);
        Image image = steps.fetch(ref, config);
        context.log().debug("unpacking", Map.of("image", ref));
        var content = context.client().content();
        ImageDescriptor target = ImageDescriptor.from(image.target());
        List<Platform> unpackFor = new ArrayList<>();
        if (allPlatforms) {
            try {
                unpackFor.addAll(Images.platforms(content, target));
            } catch (ErrdefsException e) {
                throw new CommandException("unable to resolve image platforms: " + e.getMessage());
            }
        } else {
            for (String p : platforms) {
                try {
                    unpackFor.add(Platforms.parse(p));
                } catch (ErrdefsException e) {
                    throw new CommandException("unable to parse platform " + p + ": " + e.getMessage());
                }
            }
        }
        if (unpackFor.isEmpty()) {
            unpackFor.add(Platforms.defaultSpec());
        }
        long start = System.nanoTime();
        for (Platform platform : unpackFor) {
            context.out().println("unpacking " + Platforms.format(platform) + " " + image.target().digest() + "...");
            steps.unpack(image, platform, snapshotter.name);
            if (printChainId) {
                var imageConfig = Images.config(content, target, Platforms.only(platform));
                String chainId = ChainIds.chainId(Images.rootFs(content, imageConfig)).map(Object::toString).orElse("");
                context.out().println("image chain ID: " + chainId);
            }
        }
        context.out().println("done: " + GoTime.duration(Duration.ofNanos(System.nanoTime() - start)) + "\t");
        return 0;
    }
}
