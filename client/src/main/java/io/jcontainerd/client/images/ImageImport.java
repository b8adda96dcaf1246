package io.jcontainerd.client.images;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.archive.ArchiveContent;
import io.jcontainerd.image.archive.ArchiveImporter;
import io.jcontainerd.image.archive.ImportOptions;
import io.jcontainerd.image.archive.ImportedImages;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * containerd 1.6's {@code client.Import} on the client side: the archive's content written under
 * a temporary lease through the content API, its manifests labelled so garbage collection keeps
 * what they reference (for the platforms asked), and an image created or retargeted for each
 * name found ({@link ImportedImages}).
 */
public final class ImageImport {
    private final ContainerdClient client;

    public ImageImport(ContainerdClient client) {
        this.client = client;
    }

    /** {@return the images created or updated, in the order the archive names them} */
    public List<Image> run(InputStream archive, ImportOptions options) throws IOException {
        return client.withTemporaryLease(() -> {
            ArchiveContent content = new RemoteArchiveContent(client.content());
            ImageDescriptor index = new ArchiveImporter(content, options.compressLayers()).importIndex(archive);
            List<Image> images = ImportedImages.of(content, index, options);
            List<Image> stored = new ArrayList<>(images.size());
            for (Image image : images) {
                stored.add(createOrUpdate(image));
            }
            return stored;
        });
    }

    /** The image retargeted if the name exists, else created. */
    private Image createOrUpdate(Image image) {
        try {
            return client.images().update(image, List.of("target"));
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
            return client.images().create(image);
        }
    }
}
