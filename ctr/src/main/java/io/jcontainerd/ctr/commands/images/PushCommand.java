package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.client.PullOptions;
import io.jcontainerd.client.remote.ImagePush;
import io.jcontainerd.client.remote.PushOptions;
import io.jcontainerd.client.remote.PushTracker;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.RegistryFlags;
import io.jcontainerd.ctr.progress.ProgressDisplay;
import io.jcontainerd.ctr.progress.ProgressWriter;
import io.jcontainerd.ctr.progress.PushProgress;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.MediaTypes;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Pushes an image (or a manifest given by digest) from the content store as ctr 1.6, with its
 * progress table: every platform's content unless one {@code --platform} picks a manifest of the
 * index. A daemon with the Transfer API pushes the image itself ({@link DaemonPush}).
 */
@Command(name = "push", header = "push an image to a remote", customSynopsis = "[flags] <remote> [<local>]", description = """
        Pushes an image reference from containerd.

        \tAll resources associated with the manifest reference will be pushed.
        \tThe ref is used to resolve to a locally existing image manifest.
        \tThe image manifest must exist before push. Creating a new image
        \tmanifest can be done through calculating the diff for layers,
        \tcreating the associated configuration, and creating the manifest
        \twhich references those resources.
        """)
final class PushCommand implements CtrCommand {
    @Mixin
    RegistryFlags registry;

    @Option(names = {"--manifest", "-manifest"}, description = "digest of manifest")
    String manifest = "";

    @Option(names = {"--manifest-type", "-manifest-type"}, description = "media type of manifest digest")
    String manifestType = MediaTypes.OCI_MANIFEST;

    @Option(names = {"--platform", "-platform"}, description = "push content from a specific platform")
    List<String> platforms = new ArrayList<>();

    @Option(names = {"--max-concurrent-uploaded-layers", "-max-concurrent-uploaded-layers"},
            description = "Set the max concurrent uploaded layers for each push", defaultValue = "0")
    int maxConcurrentUploadedLayers;

    @Option(names = {"--allow-non-distributable-blobs", "-allow-non-distributable-blobs"},
            description = "Allow pushing blobs that are marked as non-distributable")
    boolean allowNonDistributable;

    /** containerd 2.x's flag; hidden, as ctr 1.6 has none and jctr's help reads as ctr's. */
    @Option(names = {"--local", "-local"}, hidden = true, description = "Push content from local client rather than using transfer service")
    boolean local;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String ref = args.isEmpty() ? "" : args.getFirst();
        if (ref.isEmpty()) {
            throw new CommandException("please provide a remote image reference to push");
        }
        context.client(); // ctr dials before it reads the other flags
        String localName = args.size() > 1 ? args.get(1) : ref;
        ImageDescriptor desc = manifest.isEmpty() ? local(context, localName) : byDigest();
        if (daemonPushes(context)) {
            return new DaemonPush(context, registry.daemonPull(context, PullOptions.defaults()), allowNonDistributable)
                    .push(localName, ref);
        }
        PushTracker tracker = new PushTracker();
        PushProgress progress = new PushProgress(tracker);
        PushOptions options = new PushOptions(Platforms.all(), maxConcurrentUploadedLayers, allowNonDistributable,
                reached -> {
                    // ctr's SkipNonDistributableBlobs wraps its job handler and returns before it for
                    // every layer: without the flag, layers are pushed but never listed
                    if (allowNonDistributable || !MediaTypes.isLayerType(reached.mediaType())) {
                        progress.add(reached);
                    }
                }, tracker);
        try (RegistryFlags.Registry remote = registry.open(context)) {
            context.log().debug("pushing", Map.of("image", ref, "digest", desc.digest().toString()));
            ImagePush push = new ImagePush(context.client());
            if (context.debug()) {
                push.push(remote.resolver(), ref, desc, options);
                return 0;
            }
            ProgressDisplay display = ProgressDisplay.start(
                    new ProgressWriter(context.out(), ProgressDisplay.stdinWidth()), progress);
            try {
                push.push(remote.resolver(), ref, desc, options);
            } finally {
                // ctr draws the final table whether or not the push failed
                display.close();
            }
        }
        return 0;
    }

    /**
     * The daemon pushes when it serves the Transfer API and can do what the flags ask: the image
     * by name (not a manifest by digest, nor one platform's manifest), its own upload limit, the
     * registry flags it takes; otherwise, and with {@code --local}, the client does as ctr 1.6.
     */
    private boolean daemonPushes(CommandContext context) {
        return !local && manifest.isEmpty() && platforms.size() != 1 && maxConcurrentUploadedLayers == 0
                && registry.daemonCanResolve() && context.client().servesTransfers();
    }

    private ImageDescriptor byDigest() {
        try {
            return ImageDescriptor.of(manifestType, Digest.parse(manifest), 0);
        } catch (ErrdefsException e) {
            throw new CommandException("invalid manifest digest: " + e.getMessage());
        }
    }

    /** The image's target, or with exactly one {@code --platform} the index entry for it. */
    private ImageDescriptor local(CommandContext context, String name) throws IOException {
        ImageDescriptor target;
        try {
            target = ImageDescriptor.from(context.client().images().get(name).target());
        } catch (ErrdefsException e) {
            throw new CommandException("unable to resolve image to manifest: " + e.getMessage());
        }
        if (platforms.size() != 1) {
            return target;
        }
        Platform platform;
        try {
            platform = Platforms.parse(platforms.getFirst());
        } catch (ErrdefsException e) {
            throw new CommandException("invalid platform \"" + platforms.getFirst() + "\": " + e.getMessage());
        }
        var content = context.client().content();
        List<ImageDescriptor> manifests;
        try {
            manifests = Images.children(content, target);
        } catch (ErrdefsException e) {
            return target;
        }
        var matcher = Platforms.newMatcher(platform);
        for (ImageDescriptor m : manifests) {
            if (m.platform() != null && matcher.match(m.platform())) {
                try {
                    Images.children(content, m);
                } catch (ErrdefsException e) {
                    throw new CommandException("no matching manifest: " + e.getMessage());
                }
                return m;
            }
        }
        return target;
    }
}
