package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.RegistryFlags;
import io.jcontainerd.ctr.commands.images.DaemonPull;
import io.jcontainerd.client.PullOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Fetches an image's content into the content store and records the image. The daemon fetches
 * when it serves the Transfer API and can do what the flags ask (one pipeline, no blob crossing
 * the socket); otherwise the client does, as ctr 1.6.
 */
@Command(name = "fetch", header = "fetch all content for an image into containerd",
        customSynopsis = "[flags] <remote> <object>", description = """
        Fetch an image into containerd.
        \t
        This command ensures that containerd has all the necessary resources to build
        an image's rootfs and convert the configuration to a runtime format supported
        by containerd.

        This command uses the same syntax, of remote and object, as 'ctr fetch-object'.
        We may want to make this nicer, but agnostism is preferred for the moment.

        Right now, the responsibility of the daemon and the cli aren't quite clear. Do
        not use this implementation as a guide. The end goal should be having metadata,
        content and snapshots ready for a direct use via the 'ctr run'.

        Most of this is experimental and there are few leaps to make this work.""")
final class FetchCommand implements CtrCommand {
    @Mixin
    RegistryFlags registry;

    @Option(names = {"--label", "-label"}, description = "labels to attach to the image")
    List<String> labels = new ArrayList<>();

    @Option(names = {"--platform", "-platform"}, description = "Pull content from a specific platform")
    List<String> platforms = new ArrayList<>();

    @Option(names = {"--all-platforms", "-all-platforms"}, description = "pull content from all platforms")
    boolean allPlatforms;

    @Option(names = {"--all-metadata", "-all-metadata"}, description = "Pull metadata for all platforms")
    boolean allMetadata;

    @Option(names = {"--metadata-only", "-metadata-only"}, description = "Pull all metadata including manifests and configs")
    boolean metadataOnly;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String ref = args.isEmpty() ? "" : args.getFirst();
        var client = context.client(); // ctr dials before it reads the registry flags
        FetchConfig config = new FetchConfig(labels, platforms, allPlatforms, allMetadata, metadataOnly, 0);
        if (!allPlatforms && !metadataOnly && registry.daemonCanResolve() && client.servesTransfers()) {
            try (DaemonPull pull = DaemonPull.contentOnly(context, registry.daemonPull(context, PullOptions.defaults()))) {
                pull.fetch(ref, config);
            }
            return 0;
        }
        try (RegistryFlags.Registry remote = registry.open(context)) {
            config.fetch(context, remote.resolver(), ref);
        }
        return 0;
    }
}
