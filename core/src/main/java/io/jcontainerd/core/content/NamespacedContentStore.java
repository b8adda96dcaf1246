package io.jcontainerd.core.content;

/** Content as the metadata layer offers it: one {@link ContentStore} per namespace, seeing only that namespace's blobs and ingests. */
@FunctionalInterface
public interface NamespacedContentStore {
    /** {@return the content of {@code namespace}, which the caller has validated} */
    ContentStore in(String namespace);
}
