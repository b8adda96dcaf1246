package io.jcontainerd.services.transfer;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import io.jcontainerd.image.archive.ExportOptions;
import io.jcontainerd.image.archive.ImportOptions;
import io.jcontainerd.image.archive.RefTranslators;
import io.jcontainerd.services.imagearchive.ArchiveExportService;
import io.jcontainerd.services.imagearchive.ArchiveImportService;
import io.jcontainerd.services.imagearchive.ImportRequest;
import io.jcontainerd.services.imagearchive.TransferProgress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The archive operations of the transfer service: {@code ImageImportStream -> ImageStore} and
 * {@code ImageStore -> ImageExportStream}, or their archive files ({@link LocalArchiveFile}). The image store names the imported images as
 * {@code ctr images import} 1.6 does: its name is the index name, its prefix reference the base
 * name ({@link PrefixReference}); without one only full names in the archive name images. Its
 * platforms choose the content kept (none: all of it), its first unpack where the layers go.
 */
final class ArchiveOperations {
    /** containerd's default snapshotter, for an unpack that names none. */
    private static final String DEFAULT_SNAPSHOTTER = "overlayfs";

    private final ArchiveImportService importer;
    private final ArchiveExportService exporter;

    ArchiveOperations(ArchiveImportService importer, ArchiveExportService exporter) {
        this.importer = importer;
        this.exporter = exporter;
    }

    List<Image> importArchive(String namespace, Optional<String> lease, ArchiveImportSource source, ImageStoreTarget store,
                              Consumer<ProgressEvent> progress) throws IOException {
        progress.accept(ProgressEvent.text("Importing"));
        List<Image> images = importer.importArchive(namespace, lease, source.archive().input(), source.archive().randomAccess(),
                request(source, store), forward(progress));
        progress.accept(ProgressEvent.text("Completed import"));
        return images;
    }

    /**
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_IMPLEMENTED for a prefix reference, as upstream
     */
    void exportArchive(String namespace, ImageStoreTarget store, ArchiveExportTarget target,
                       Consumer<ProgressEvent> progress) throws IOException {
        if (!store.prefixes().isEmpty()) {
            throw Errdefs.notImplemented("prefix lookup on export not implemented");
        }
        List<String> names = new ArrayList<>();
        if (!store.name().isEmpty()) {
            names.add(store.name());
        }
        names.addAll(store.extraNames());
        MatchComparer platform = target.platforms().isEmpty() ? Platforms.defaultStrict() : Platforms.ordered(target.platforms());
        ExportOptions options = new ExportOptions(platform, target.allPlatforms(), target.skipDockerManifest(),
                target.skipNonDistributable());
        exporter.exportArchive(namespace, names, options, target.archive().output(), forward(progress));
    }

    static ImportRequest request(ArchiveImportSource source, ImageStoreTarget store) {
        Optional<PrefixReference> base = store.prefixes().stream().findFirst();
        Function<String, String> translator = base
                .map(b -> b.allowOverwrite() ? RefTranslators.addPrefix(b.name()) : RefTranslators.filterPrefix(b.name()))
                .orElse(ArchiveOperations::fullNameOnly);
        Function<Digest, String> digestRef = base.filter(PrefixReference::addDigest)
                .map(b -> RefTranslators.digestRef(b.name())).orElse(null);
        Predicate<String> skipDigestRef = base.filter(b -> b.addDigest() && b.skipNamedDigest()).isPresent()
                ? name -> !name.isEmpty() : null;
        List<Platform> platforms = store.platforms();
        MatchComparer kept = platforms.isEmpty() ? Platforms.all()
                : platforms.size() == 1 ? Platforms.only(platforms.getFirst()) : Platforms.ordered(platforms);
        ImportOptions options = new ImportOptions(store.name(), translator, digestRef, skipDigestRef, kept,
                source.forceCompress());
        // any platform asked is unpacked, as ctr 1.6's import does (upstream's unpack_config filter is for pulls)
        Optional<ImportRequest.Unpack> unpack = store.unpacks().stream().findFirst().map(u -> new ImportRequest.Unpack(
                u.snapshotter().isEmpty() ? DEFAULT_SNAPSHOTTER : u.snapshotter(),
                u.platform() == null ? Platforms.defaultMatcher() : Platforms.only(u.platform())));
        return new ImportRequest(options, store.labels(), unpack);
    }

    /** Without a base name, a tag alone names nothing; a full reference names itself. */
    private static String fullNameOnly(String ref) {
        return ref.chars().anyMatch(c -> c == '/' || c == ':' || c == '@') ? ref : "";
    }

    private static TransferProgress forward(Consumer<ProgressEvent> progress) {
        return (event, name, done, total, desc) -> progress.accept(new ProgressEvent(event, name, List.of(), done, total, desc));
    }
}
