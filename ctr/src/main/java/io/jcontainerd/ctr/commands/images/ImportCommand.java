package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.ctr.commands.SnapshotterFlag;
import containerd.types.PlatformOuterClass;
import containerd.types.transfer.Imagestore.ImageReference;
import containerd.types.transfer.Imagestore.ImageStore;
import containerd.types.transfer.Imagestore.UnpackConfiguration;
import io.jcontainerd.api.convert.ArchiveFiles;
import io.jcontainerd.client.ArchiveTransferClient;
import io.jcontainerd.client.images.ImageImport;
import io.jcontainerd.image.archive.ImportOptions;
import io.jcontainerd.image.archive.RefTranslators;
import io.jcontainerd.client.images.Unpacker;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.progress.ArchiveProgress;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.text.GoErrors;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import java.io.BufferedInputStream;
import java.util.Optional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Imports an OCI image layout or {@code docker save} tar (a file, or stdin for {@code -}), then
 * unpacks each image for the platform into the snapshotter, printing
 * {@code unpacking <name> (<digest>)...done} per image. A daemon with the Transfer API does it all
 * from the streamed archive; against one without (containerd 1.6), or with {@code --local}, it
 * happens on the client side, as ctr 1.6 does.
 */
@Command(name = "import", header = "import images", customSynopsis = "[flags] <in>", description = """
        Import images from a tar stream.
        Implemented formats:
        - oci.v1
        - docker.v1.1
        - docker.v1.2


        For OCI v1, you may need to specify --base-name because an OCI archive may
        contain only partial image references (tags without the base image name).
        If no base image name is provided, a name will be generated as "import-%{yyyy-MM-dd}".

        e.g.
          $ ctr images import --base-name foo/bar foobar.tar

        If foobar.tar contains an OCI ref named "latest" and anonymous ref "sha256:deadbeef", the command will create
        "foo/bar:latest" and "foo/bar@sha256:deadbeef" images in the containerd store.
        """)
final class ImportCommand implements CtrCommand {
    @Option(names = {"--base-name", "-base-name"},
            description = "base image name for added images, when provided only images with this name prefix are imported")
    String baseName = "";

    @Option(names = {"--digests", "-digests"}, description = "whether to create digest images (default: false)")
    boolean digests;

    @Option(names = {"--skip-digest-for-named", "-skip-digest-for-named"},
            description = "skip applying --digests option to images named in the importing tar (use it in conjunction with --digests)")
    boolean skipDigestForNamed;

    @Option(names = {"--index-name", "-index-name"}, description = "image name to keep index as, by default index is discarded")
    String indexName = "";

    @Option(names = {"--all-platforms", "-all-platforms"}, description = "imports content for all platforms, false by default")
    boolean allPlatforms;

    @Option(names = {"--platform", "-platform"}, description = "imports content for specific platform")
    String platform = "";

    @Option(names = {"--no-unpack", "-no-unpack"}, description = "skip unpacking the images, false by default")
    boolean noUnpack;

    @Option(names = {"--compress-blobs", "-compress-blobs"},
            description = "compress uncompressed blobs when creating manifest (Docker format only)")
    boolean compressBlobs;

    /** containerd 2.x's flag; hidden, as ctr 1.6 has none and jctr's help reads as ctr's. */
    @Option(names = {"--local", "-local"}, hidden = true, description = "run import locally rather than through transfer API")
    boolean local;

    @Mixin
    SnapshotterFlag snapshotter;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String in = args.isEmpty() ? "" : args.getFirst();
        String prefix = baseName;
        Function<String, String> translator;
        if (prefix.isEmpty()) {
            prefix = "import-" + LocalDate.now();
            translator = RefTranslators.addPrefix(prefix);
        } else {
            // only references under the given name are imported
            translator = RefTranslators.filterPrefix(prefix);
        }
        Function<Digest, String> digestRef = digests ? RefTranslators.digestRef(prefix) : null;
        Predicate<String> skipDigestRef = null;
        if (skipDigestForNamed) {
            if (!digests) {
                throw new CommandException("--skip-digest-for-named must be specified with --digests option");
            }
            skipDigestRef = name -> !name.isEmpty();
        }
        MatchComparer platformMatcher = platform.isEmpty() ? null : Platforms.onlyStrict(Platforms.parse(platform));
        var client = context.client();
        ArchiveTransferClient transfers = client.archiveTransfers();
        Optional<List<String>> transferCapabilities = local ? Optional.empty() : client.transferCapabilities();
        if (transferCapabilities.isPresent()) {
            importThroughTransfer(context, transfers, in, prefix, transferCapabilities.get().contains(ArchiveFiles.CAPABILITY));
            return 0;
        }
        ImportOptions options = new ImportOptions(indexName, translator, digestRef, skipDigestRef,
                allPlatforms ? Platforms.all() : platformMatcher, compressBlobs);
        List<Image> images;
        try (InputStream archive = open(in)) {
            images = new ImageImport(client).run(archive, options);
        }
        if (noUnpack) {
            return 0;
        }
        context.log().debug("unpacking " + images.size() + " images", Map.of());
        Unpacker unpacker = new Unpacker(client);
        for (Image image : images) {
            context.out().print("unpacking " + image.name() + " (" + image.target().digest() + ")...");
            context.out().flush();
            unpacker.unpack(image, platformMatcher != null ? platformMatcher : Platforms.defaultMatcher(), snapshotter.name);
            context.out().println("done");
        }
        return 0;
    }

    /**
     * The daemon reads the archive, stores and unpacks the images (containerd 2.x's transfer
     * import); what is printed is what the client-side import prints: a line per image unpacked.
     * A daemon that takes archive files reads a file itself, unless it cannot see it (another
     * mount namespace): then, and for stdin, the archive is streamed.
     */
    private void importThroughTransfer(CommandContext context, ArchiveTransferClient transfers, String in, String prefix,
                                       boolean daemonOpensFiles) throws IOException {
        Platform chosen = platform.isEmpty() ? Platforms.defaultSpec() : Platforms.parse(platform);
        ImageStore.Builder store = ImageStore.newBuilder().setName(indexName)
                .addExtraReferences(ImageReference.newBuilder().setName(prefix).setIsPrefix(true)
                        // a generated prefix gives way to the archive's full names, as --base-name does not
                        .setAllowOverwrite(baseName.isEmpty()).setAddDigest(digests).setSkipNamedDigest(skipDigestForNamed));
        if (!allPlatforms) {
            store.addPlatforms(proto(chosen));
        }
        if (!noUnpack) {
            store.addUnpacks(UnpackConfiguration.newBuilder().setPlatform(proto(chosen))
                    .setSnapshotter(context.client().snapshotsOrDefault(snapshotter.name).name()));
        }
        List<ArchiveTransferClient.Progress> saved = new ArrayList<>();
        // one row for both ways: a file the daemon refuses is streamed under the same row. None for
        // a missing file, whose error comes from opening it, as ctr's does.
        Optional<ArchiveProgress> shown = in.isEmpty() || in.equals("-") || !Files.exists(Path.of(in)) ? Optional.empty()
                : ArchiveProgress.sending(Path.of(in).getFileName().toString(), Files.size(Path.of(in)), context.out());
        try {
            if (daemonOpensFiles && !in.equals("-") && Files.isRegularFile(Path.of(in))
                    && importFile(context, transfers, Path.of(in), store.build(), saved, shown)) {
                shown.ifPresent(ArchiveProgress::complete);
            } else {
                try (InputStream raw = open(in)) {
                    InputStream archive = shown.isPresent() ? shown.get().counting(raw) : raw;
                    transfers.importArchive(archive, store.build(), compressBlobs, progress -> noted(context, progress, saved));
                }
                shown.ifPresent(ArchiveProgress::close);
            }
        } catch (IOException | RuntimeException e) {
            shown.ifPresent(ArchiveProgress::cancel);
            throw e;
        }
        if (!noUnpack) {
            for (ArchiveTransferClient.Progress image : saved) {
                context.out().println("unpacking " + image.name() + " (" + image.digest() + ")...done");
            }
        }
    }

    /**
     * The daemon imports the file itself; {@code shown} counts the blobs it has stored.
     * {@return false, with nothing imported, when the daemon cannot see the file}
     */
    private boolean importFile(CommandContext context, ArchiveTransferClient transfers, Path file, ImageStore store,
                               List<ArchiveTransferClient.Progress> saved, Optional<ArchiveProgress> shown)
            throws IOException {
        boolean imported = transfers.importArchiveFile(file, store, compressBlobs, progress -> {
            noted(context, progress, saved);
            if (progress.event().equals("complete")) {
                shown.ifPresent(display -> display.add(progress.progress()));
            }
        });
        if (!imported) {
            context.log().debug("streaming the archive", Map.of("reason", ArchiveFiles.NOT_VISIBLE));
        }
        return imported;
    }

    private static void noted(CommandContext context, ArchiveTransferClient.Progress progress,
                              List<ArchiveTransferClient.Progress> saved) {
        context.log().debug("transfer progress", Map.of("event", progress.event(), "name", progress.name(),
                "progress", String.valueOf(progress.progress()), "total", String.valueOf(progress.total())));
        if (progress.event().equals("saved")) {
            saved.add(progress);
        }
    }

    private static PlatformOuterClass.Platform proto(Platform p) {
        return PlatformOuterClass.Platform.newBuilder().setOs(p.os()).setArchitecture(p.architecture())
                .setVariant(p.variant()).build();
    }

    private static InputStream open(String in) throws IOException {
        if (in.equals("-")) {
            return new BufferedInputStream(System.in);
        }
        if (in.isEmpty()) {
            throw new IOException("open : no such file or directory");
        }
        try {
            return new BufferedInputStream(Files.newInputStream(Path.of(in)));
        } catch (IOException e) {
            throw new IOException(GoErrors.path("open", in, e), e);
        }
    }
}
