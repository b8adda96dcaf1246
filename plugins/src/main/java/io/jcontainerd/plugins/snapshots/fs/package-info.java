/**
 * Filesystem helpers the snapshotters share: disk usage counted as containerd counts it, the
 * {@code d_type} check overlayfs needs, device nodes and fifos, and tree removal. The first three
 * go through a few libc calls (FFM), as java.nio exposes neither {@code st_blocks},
 * {@code d_type} nor {@code mknod}.
 */
package io.jcontainerd.plugins.snapshots.fs;
