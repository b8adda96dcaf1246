package io.jcontainerd.core.images;

/** Images as the metadata layer offers them: one {@link ImageStore} per namespace. */
@FunctionalInterface
public interface NamespacedImageStore {
    /** {@return the images of {@code namespace}, which the caller has validated} */
    ImageStore in(String namespace);
}
