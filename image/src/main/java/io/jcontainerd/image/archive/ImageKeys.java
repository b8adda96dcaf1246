package io.jcontainerd.image.archive;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.image.reference.ReferenceSpec;

/** The annotations and labels containerd puts on images and their content. */
public final class ImageKeys {
    /** On an index entry: the full name of the image ({@code example.com/app:v1}). */
    public static final String IMAGE_NAME_ANNOTATION = "io.containerd.image.name";
    /** On an index entry: OCI's name of the image, the tag part of a reference. */
    public static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
    /** On a layer blob: the digest of its uncompressed tar, its diff ID. */
    public static final String UNCOMPRESSED_LABEL = "containerd.io/uncompressed";

    private ImageKeys() {
    }

    /**
     * {@return the name an OCI index records for {@code name} ({@link #REF_NAME_ANNOTATION}): the
     * object of it read as a containerd reference, e.g. the tag; the whole name when it is no such
     * reference}
     */
    public static String ociReferenceName(String name) {
        try {
            return ReferenceSpec.parse(name).object();
        } catch (ErrdefsException notAReference) {
            return name;
        }
    }
}
