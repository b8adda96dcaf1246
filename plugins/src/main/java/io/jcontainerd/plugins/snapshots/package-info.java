/**
 * Snapshotter backends after containerd's: {@link io.jcontainerd.plugins.snapshots.DirectorySnapshotter}
 * holds what they share (metadata store, one directory per snapshot id, crash-safe create and
 * remove, cleanup); {@code nativecopy} copies the parent's tree, {@code overlay} stacks layers
 * with overlayfs. Backends describe mounts and never perform them.
 */
package io.jcontainerd.plugins.snapshots;
