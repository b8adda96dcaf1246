package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.RegistryFlags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Fetches an image's content into the content store on the client side, as ctr 1.6, and records the image. */
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
        context.client(); // ctr dials before it reads the registry flags
        try (RegistryFlags.Registry remote = registry.open(context)) {
            new FetchConfig(labels, platforms, allPlatforms, allMetadata, metadataOnly, 0).fetch(context, remote.resolver(), ref);
        }
        return 0;
    }
}
