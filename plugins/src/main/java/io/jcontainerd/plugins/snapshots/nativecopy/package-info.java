/**
 * containerd's {@code native} snapshotter (plugin {@code io.containerd.snapshotter.v1 native}):
 * snapshots as full copies of their parent's tree. The package cannot be called {@code native},
 * a Java keyword.
 */
package io.jcontainerd.plugins.snapshots.nativecopy;
