/**
 * Filesystem helpers the snapshotters share: disk usage counted as containerd counts it, the
 * {@code d_type} check overlayfs needs, and tree removal. The first two go through
 * {@link io.jcontainerd.sys.Syscalls}, as java.nio exposes neither {@code st_blocks} nor {@code d_type}.
 */
package io.jcontainerd.plugins.snapshots.fs;
