package io.jcontainerd.image.archive;

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
}
