package io.jcontainerd.services.imagearchive;

import containerd.types.PlatformOuterClass;
import containerd.types.transfer.Imagestore.ImageReference;
import containerd.types.transfer.Imagestore.ImageStore;
import containerd.types.transfer.Imagestore.UnpackConfiguration;
import containerd.types.transfer.Importexport.ImageExportStream;
import containerd.types.transfer.Importexport.ImageImportStream;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.streaming.StreamManager;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import io.jcontainerd.image.archive.ExportOptions;
import io.jcontainerd.image.archive.ImportOptions;
import io.jcontainerd.image.archive.RefTranslators;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Transfer service's archive operations: {@code ImageImportStream -> ImageStore} and
 * {@code ImageStore -> ImageExportStream}, the archive's bytes flowing on the named stream.
 * The image store's references name the images as {@code ctr images import} 1.6 does: its
 * {@code name} is the index name, a prefix reference is the base name ({@code allow_overwrite}:
 * a generated one, which full names in the archive replace; otherwise only names under it are
 * imported), {@code add_digest} adds digest names and {@code skip_named_digest} skips them for
 * named manifests. Its platforms choose what is kept (none: all), its first unpack target
 * where the layers go.
 */
public final class ArchiveTransfers {
    /** containerd's default snapshotter, for an unpack target that names none. */
    static final String DEFAULT_SNAPSHOTTER = "overlayfs";

    private final StreamManager streams;
    private final ArchiveImportService importer;
    private final ArchiveExportService exporter;

    public ArchiveTransfers(StreamManager streams, ArchiveImportService importer, ArchiveExportService exporter) {
        this.streams = streams;
        this.importer = importer;
        this.exporter = exporter;
    }

    /** {@return the images stored} */
    public List<Image> importStream(String namespace, ImageImportStream source, ImageStore destination,
                                    TransferProgress progress) throws IOException {
        ImportRequest request = importRequest(source, destination);
        progress.event("Importing");
        try (Stream stream = streams.get(namespace, source.getStream())) {
            List<Image> images = importer.importArchive(namespace, new StreamReader(stream), request, progress);
            progress.event("Completed import");
            return images;
        }
    }

    public void exportStream(String namespace, ImageStore source, ImageExportStream destination,
                             TransferProgress progress) throws IOException {
        List<String> names = new ArrayList<>();
        if (!source.getName().isEmpty()) {
            names.add(source.getName());
        }
        for (ImageReference ref : source.getExtraReferencesList()) {
            if (ref.getIsPrefix()) {
                throw Errdefs.notImplemented("prefix lookup on export not implemented");
            }
            names.add(ref.getName());
        }
        MatchComparer platform = destination.getPlatformsCount() == 0 ? Platforms.defaultStrict()
                : Platforms.ordered(destination.getPlatformsList().stream().map(ArchiveTransfers::platform).toList());
        ExportOptions options = new ExportOptions(platform, destination.getAllPlatforms(),
                destination.getSkipCompatibilityManifest(), destination.getSkipNonDistributable());
        try (Stream stream = streams.get(namespace, destination.getStream())) {
            exporter.exportArchive(namespace, names, options, new StreamWriter(stream), progress);
        }
    }

    static ImportRequest importRequest(ImageImportStream source, ImageStore destination) {
        Optional<ImageReference> base = destination.getExtraReferencesList().stream()
                .filter(ImageReference::getIsPrefix).findFirst();
        Function<String, String> translator = base
                .map(b -> b.getAllowOverwrite() ? RefTranslators.addPrefix(b.getName()) : RefTranslators.filterPrefix(b.getName()))
                // no base name: only full references in the archive name images
                .orElse(ref -> ref.chars().anyMatch(c -> c == '/' || c == ':' || c == '@') ? ref : "");
        Function<Digest, String> digestRef = base.filter(ImageReference::getAddDigest)
                .map(b -> RefTranslators.digestRef(b.getName())).orElse(null);
        Predicate<String> skipDigestRef = base.filter(b -> b.getAddDigest() && b.getSkipNamedDigest()).isPresent()
                ? name -> !name.isEmpty() : null;
        MatchComparer kept = destination.getPlatformsCount() == 0 ? Platforms.all()
                : destination.getPlatformsCount() == 1 ? Platforms.only(platform(destination.getPlatforms(0)))
                : Platforms.ordered(destination.getPlatformsList().stream().map(ArchiveTransfers::platform).toList());
        ImportOptions options = new ImportOptions(destination.getName(), translator, digestRef, skipDigestRef, kept,
                source.getForceCompress());
        Optional<ImportRequest.Unpack> unpack = destination.getUnpacksList().stream().findFirst().map(ArchiveTransfers::unpack);
        return new ImportRequest(options, unpack);
    }

    private static ImportRequest.Unpack unpack(UnpackConfiguration config) {
        MatchComparer platform = config.hasPlatform() ? Platforms.only(platform(config.getPlatform())) : Platforms.defaultMatcher();
        String snapshotter = config.getSnapshotter().isEmpty() ? DEFAULT_SNAPSHOTTER : config.getSnapshotter();
        return new ImportRequest.Unpack(snapshotter, platform);
    }

    private static Platform platform(PlatformOuterClass.Platform p) {
        return Platforms.normalize(Platform.of(p.getOs(), p.getArchitecture(), p.getVariant()));
    }
}
