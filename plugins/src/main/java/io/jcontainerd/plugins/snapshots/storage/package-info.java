/**
 * The metadata store every directory-based snapshotter keeps under its root ({@code metadata.db}),
 * after containerd's {@code snapshots/storage}: snapshots by key with kind, parent, labels,
 * timestamps and the usage recorded at commit, and a never-reused numeric id per snapshot that
 * names its directory. Parents must be committed; a snapshot with children cannot be removed.
 */
package io.jcontainerd.plugins.snapshots.storage;
