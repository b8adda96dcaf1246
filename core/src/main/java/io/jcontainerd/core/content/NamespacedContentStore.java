package io.jcontainerd.core.content;

import java.util.Optional;

/** Content as the metadata layer offers it: one {@link ContentStore} per namespace, seeing only that namespace's blobs and ingests. */
@FunctionalInterface
public interface NamespacedContentStore {
    /**
     * {@return the content of {@code namespace}, which the caller has validated}; with a
     * {@code lease}, what the store creates (ingests, committed blobs) is added to that lease
     * and what it deletes is taken out of it, as containerd does for a call carrying a lease
     */
    ContentStore in(String namespace, Optional<String> lease);

    default ContentStore in(String namespace) {
        return in(namespace, Optional.empty());
    }
}
