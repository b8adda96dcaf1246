package io.jcontainerd.services.imagearchive;

import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.archive.ArchiveExporter;
import io.jcontainerd.image.archive.ExportOptions;
import io.jcontainerd.services.content.ContentService;
import io.jcontainerd.services.images.ImagesService;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exports images inside the daemon: the OCI layout tar with Docker's manifest.json, byte for byte
 * what {@code ctr images export} writes (the same {@link ArchiveExporter}), read straight from the
 * content store instead of over the content API.
 */
public final class ArchiveExportService {
    private final ContentService content;
    private final ImagesService images;

    public ArchiveExportService(ContentService content, ImagesService images) {
        this.content = content;
        this.images = images;
    }

    /**
     * Writes the archive of the images named (in that order) to {@code out}, which it does not close.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND for an image that does not exist
     */
    public void exportArchive(String namespace, List<String> names, ExportOptions options, OutputStream out,
                              TransferProgress progress) throws IOException {
        progress.event("Exporting");
        List<ImageDescriptor> targets = new ArrayList<>(names.size());
        for (String name : names) {
            targets.add(ArchiveExporter.named(images.get(namespace, name)));
        }
        OutputStream buffered = new BufferedOutputStream(out, StoreArchiveContent.CHUNK);
        new ArchiveExporter(new StoreArchiveContent(content.in(namespace, Optional.empty())), options)
                .export(targets, buffered);
        buffered.flush();
        progress.event("Completed export");
    }
}
