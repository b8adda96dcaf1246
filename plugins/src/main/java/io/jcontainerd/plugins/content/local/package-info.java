/**
 * The local content store, containerd's {@code content/local}: blobs as files named by digest,
 * ingests as directories that survive disconnects and restarts, commits by fsync and atomic rename.
 */
package io.jcontainerd.plugins.content.local;
