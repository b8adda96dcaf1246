package io.jcontainerd.client.images;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.ContentClient;
import io.jcontainerd.client.archive.ArchiveImporter;
import io.jcontainerd.client.archive.ImageKeys;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.image.ChildGcLabels;
import io.jcontainerd.image.Handler;
import io.jcontainerd.image.Handlers;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platforms;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * containerd 1.6's {@code client.Import}: the archive's content written under a temporary lease,
 * its manifests labelled so garbage collection keeps what they reference (for the platforms
 * asked), and an image created or retargeted for each name found.
 */
public final class ImageImport {
    private final ContainerdClient client;

    public ImageImport(ContainerdClient client) {
        this.client = client;
    }

    /** {@return the images created or updated, in the order the archive names them} */
    public List<Image> run(InputStream archive, ImportOptions options) throws IOException {
        return client.withTemporaryLease(() -> {
            ContentClient content = client.content();
            ImageDescriptor index = new ArchiveImporter(content, options.compressLayers()).importIndex(archive);
            List<Image> images = new ArrayList<>();
            if (!options.indexName().isEmpty()) {
                images.add(Image.of(options.indexName(), index.toDescriptor(), Map.of()));
            }
            Handler children = desc -> {
                if (!desc.digest().equals(index.digest())) {
                    return Images.children(content, desc);
                }
                // only the archive's index names images
                List<ImageDescriptor> manifests = Images.children(content, desc);
                manifests.forEach(m -> images.addAll(named(m, options)));
                return manifests;
            };
            MatchComparer platform = options.platform() != null ? options.platform() : Platforms.defaultMatcher();
            Handlers.walk(labellingChildren(content, Handlers.filterPlatforms(children, platform)), List.of(index));
            List<Image> stored = new ArrayList<>(images.size());
            for (Image image : images) {
                stored.add(createOrUpdate(image));
            }
            return stored;
        });
    }

    private static List<Image> named(ImageDescriptor manifest, ImportOptions options) {
        List<Image> images = new ArrayList<>(2);
        String name = imageName(manifest.annotations(), options);
        if (!name.isEmpty()) {
            images.add(Image.of(name, manifest.toDescriptor(), Map.of()));
        }
        if (options.skipDigestRef() != null && options.skipDigestRef().test(name)) {
            return images;
        }
        if (options.digestRef() != null) {
            String ref = options.digestRef().apply(manifest.digest());
            if (!ref.isEmpty()) {
                images.add(Image.of(ref, manifest.toDescriptor(), Map.of()));
            }
        }
        return images;
    }

    /** containerd's own name annotation as written; else the OCI ref name, translated. */
    private static String imageName(Map<String, String> annotations, ImportOptions options) {
        String name = annotations.getOrDefault(ImageKeys.IMAGE_NAME_ANNOTATION, "");
        if (!name.isEmpty()) {
            return name;
        }
        name = annotations.getOrDefault(ImageKeys.REF_NAME_ANNOTATION, "");
        return name.isEmpty() ? name : options.refTranslator().apply(name);
    }

    /** Upstream's {@code SetChildrenLabels}: the parent blob gets a GC reference label per child walked. */
    private static Handler labellingChildren(ContentClient content, Handler handler) {
        return desc -> {
            List<ImageDescriptor> children = handler.handle(desc);
            if (!children.isEmpty()) {
                Map<String, String> labels = ChildGcLabels.labels(children, ChildGcLabels::forChild);
                content.update(desc.digest(), labels, labels.keySet().stream().map(k -> "labels." + k).toList());
            }
            return children;
        };
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
