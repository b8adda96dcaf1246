package io.jcontainerd.image.archive;

import io.jcontainerd.core.images.Image;
import io.jcontainerd.image.ChildGcLabels;
import io.jcontainerd.image.Handler;
import io.jcontainerd.image.Handlers;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platforms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images containerd 1.6's {@code client.Import} makes of an imported archive's index, and the
 * GC labels it puts on the way: the index named {@code indexName} if asked, each manifest the
 * index lists named by its annotations (translated) and by digest if asked; every blob walked
 * (for the platforms asked) labelled with references to its children. Client and daemon share it.
 */
public final class ImportedImages {
    private ImportedImages() {
    }

    /** {@return the images to create or retarget, in the order the archive names them} */
    public static List<Image> of(ArchiveContent content, ImageDescriptor index, ImportOptions options) throws IOException {
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
        return images;
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
    private static Handler labellingChildren(ArchiveContent content, Handler handler) {
        return desc -> {
            List<ImageDescriptor> children = handler.handle(desc);
            if (!children.isEmpty()) {
                content.label(desc.digest(), ChildGcLabels.labels(children, ChildGcLabels::forChild));
            }
            return children;
        };
    }
}
