package io.jcontainerd.ctr.commands.images;

import containerd.types.PlatformOuterClass;
import containerd.types.transfer.Imagestore.ImageReference;
import containerd.types.transfer.Imagestore.ImageStore;
import containerd.types.transfer.Importexport.ImageExportStream;
import io.jcontainerd.api.convert.ArchiveFiles;
import io.jcontainerd.client.ArchiveTransferClient;
import io.jcontainerd.client.images.RemoteArchiveContent;
import io.jcontainerd.image.archive.ArchiveExporter;
import io.jcontainerd.image.archive.ExportOptions;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.ctr.progress.ArchiveProgress;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.text.GoErrors;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.util.Optional;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes images to an OCI image layout tar with Docker's manifest.json (a file, or stdout for
 * {@code -}): written by the daemon and streamed here where it has the Transfer API, else (or
 * with {@code --local}) made here from the content API, as ctr 1.6 does. The file is created before the images
 * are looked up, so a missing image leaves it empty, as with ctr.
 */
@Command(name = "export", header = "export images", customSynopsis = "[flags] <out> <image> ...", description = """
        Export images to an OCI tar archive.

        Tar output is formatted as an OCI archive, a Docker manifest is provided for the platform.
        Use '--skip-manifest-json' to avoid including the Docker manifest.json file.
        Use '--platform' to define the output platform.
        When '--all-platforms' is given all images in a manifest list must be available.
        """)
final class ExportCommand implements CtrCommand {
    private static final int BUFFER_BYTES = 1 << 16;

    @Option(names = {"--skip-manifest-json", "-skip-manifest-json"}, description = "do not add Docker compatible manifest.json to archive")
    boolean skipManifestJson;

    @Option(names = {"--skip-non-distributable", "-skip-non-distributable"},
            description = "do not add non-distributable blobs such as Windows layers to archive")
    boolean skipNonDistributable;

    @Option(names = {"--platform", "-platform"}, description = "Pull content from a specific platform")
    List<String> platforms = new ArrayList<>();

    @Option(names = {"--all-platforms", "-all-platforms"}, description = "exports content from all platforms")
    boolean allPlatforms;

    /** containerd 2.x's flag; hidden, as ctr 1.6 has none and jctr's help reads as ctr's. */
    @Option(names = {"--local", "-local"}, hidden = true, description = "run export locally rather than through transfer API")
    boolean local;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        if (args.isEmpty() || args.getFirst().isEmpty() || args.size() < 2) {
            throw new CommandException("please provide both an output filename and an image reference to export");
        }
        String out = args.getFirst();
        List<String> names = args.subList(1, args.size());
        List<Platform> parsed = new ArrayList<>();
        for (String p : platforms) {
            try {
                parsed.add(Platforms.parse(p));
            } catch (ErrdefsException e) {
                throw new CommandException("invalid platform " + Errdefs.quote(p) + ": " + e.getMessage());
            }
        }
        MatchComparer platform = parsed.isEmpty() ? Platforms.defaultStrict() : Platforms.ordered(parsed);
        var client = context.client();
        ArchiveTransferClient transfers = client.archiveTransfers();
        Optional<List<String>> transferCapabilities = local ? Optional.empty() : client.transferCapabilities();
        if (transferCapabilities.isPresent()) {
            ImageStore.Builder source = ImageStore.newBuilder();
            names.forEach(name -> source.addExtraReferences(ImageReference.newBuilder().setName(name)));
            ImageExportStream.Builder options = ImageExportStream.newBuilder().setAllPlatforms(allPlatforms)
                    .setSkipCompatibilityManifest(skipManifestJson).setSkipNonDistributable(skipNonDistributable);
            parsed.forEach(p -> options.addPlatforms(PlatformOuterClass.Platform.newBuilder().setOs(p.os())
                    .setArchitecture(p.architecture()).setVariant(p.variant())));
            Optional<ArchiveProgress> shown = out.equals("-") ? Optional.empty()
                    : ArchiveProgress.receiving(Path.of(out).getFileName().toString(), context.out());
            if (transferCapabilities.get().contains(ArchiveFiles.CAPABILITY) && !out.equals("-")
                    && exportFile(context, transfers, source.build(), options.build(), Path.of(out), shown)) {
                return 0;
            }
            try (OutputStream file = create(context, out);
                 OutputStream stream = new BufferedOutputStream(shown.isPresent() ? shown.get().counting(file) : file,
                         BUFFER_BYTES)) {
                transfers.exportArchive(source.build(), options.build(), stream, progress -> { });
            } catch (IOException | RuntimeException e) {
                shown.ifPresent(ArchiveProgress::cancel);
                throw e;
            }
            shown.ifPresent(ArchiveProgress::close);
            return 0;
        }
        ArchiveExporter exporter = new ArchiveExporter(new RemoteArchiveContent(client.content()),
                new ExportOptions(platform, allPlatforms, skipManifestJson, skipNonDistributable));
        try (OutputStream stream = new BufferedOutputStream(create(context, out), BUFFER_BYTES)) {
            List<ImageDescriptor> images = new ArrayList<>();
            for (String name : names) {
                images.add(ArchiveExporter.named(client.images().get(name)));
            }
            exporter.export(images, stream);
        }
        return 0;
    }

    /**
     * Creates the file and has the daemon write the archive into it; the display follows its size.
     * {@return false, with the file created and empty, when the daemon cannot see the file or it
     * is no regular file (a device, a pipe)}
     */
    private static boolean exportFile(CommandContext context, ArchiveTransferClient transfers, ImageStore source,
                                      ImageExportStream options, Path file, Optional<ArchiveProgress> shown)
            throws IOException {
        create(context, file.toString()).close();
        if (!Files.isRegularFile(file)) {
            return false;
        }
        shown.ifPresent(display -> display.follow(file));
        boolean exported;
        try {
            exported = transfers.exportArchiveFile(source, options, file, progress -> { });
        } catch (IOException | RuntimeException e) {
            shown.ifPresent(ArchiveProgress::cancel);
            throw e;
        }
        if (!exported) {
            context.log().debug("streaming the archive", Map.of("reason", ArchiveFiles.NOT_VISIBLE));
            return false;
        }
        shown.ifPresent(ArchiveProgress::close);
        return true;
    }

    private static OutputStream create(CommandContext context, String out) throws IOException {
        if (out.equals("-")) {
            // stdout stays open for whatever the app prints after the command
            return new FilterOutputStream(context.out()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    this.out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        try {
            return Files.newOutputStream(Path.of(out));
        } catch (IOException e) {
            throw new IOException(GoErrors.path("open", out, e), e);
        }
    }
}
