package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.containers.NamespacedContainerStore;
import io.jcontainerd.core.content.NamespacedContentStore;
import io.jcontainerd.core.images.NamespacedImageStore;
import io.jcontainerd.core.leases.LeaseStore;
import io.jcontainerd.core.metadata.MetadataStore;
import io.jcontainerd.core.namespaces.NamespaceStore;
import io.jcontainerd.core.snapshots.NamespacedSnapshotters;

/** What the metadata plugin provides to services: the database and the stores built on it. */
public record Metadata(MetadataDatabase database, MetadataConfig config, NamespaceStore namespaces, LeaseStore leases,
                       NamespacedContentStore content, NamespacedImageStore images, NamespacedSnapshotters snapshotters,
                       NamespacedContainerStore containers, MetadataCollector collector)
        implements MetadataStore, AutoCloseable {
    @Override
    public void close() {
        database.close();
    }
}
