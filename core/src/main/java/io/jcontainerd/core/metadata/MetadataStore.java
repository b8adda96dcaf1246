package io.jcontainerd.core.metadata;

import io.jcontainerd.core.containers.NamespacedContainerStore;
import io.jcontainerd.core.content.NamespacedContentStore;
import io.jcontainerd.core.images.NamespacedImageStore;
import io.jcontainerd.core.leases.LeaseStore;
import io.jcontainerd.core.namespaces.NamespaceStore;
import io.jcontainerd.core.snapshots.NamespacedSnapshotters;

/**
 * What the {@code io.containerd.metadata.v1} plugin offers the services: the namespaced stores.
 * Services reach metadata only through this, never through its storage.
 */
public interface MetadataStore {
    NamespaceStore namespaces();

    LeaseStore leases();

    NamespacedContentStore content();

    NamespacedImageStore images();

    NamespacedSnapshotters snapshotters();

    NamespacedContainerStore containers();
}
