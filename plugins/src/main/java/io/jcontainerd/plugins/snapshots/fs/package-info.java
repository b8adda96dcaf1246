/**
 * Filesystem helpers the snapshotters share: disk usage counted as containerd counts it, and the
 * {@code d_type} check overlayfs needs. Both go through {@link io.jcontainerd.sys.Syscalls}, as
 * java.nio exposes neither {@code st_blocks} nor {@code d_type}; trees are removed with
 * {@link io.jcontainerd.sys.TreeRemover}.
 */
package io.jcontainerd.plugins.snapshots.fs;
