/**
 * containerd's {@code overlayfs} snapshotter (plugin {@code io.containerd.snapshotter.v1 overlayfs}):
 * snapshots as overlayfs layers, and the host checks that decide whether it can run.
 */
package io.jcontainerd.plugins.snapshots.overlay;
