/**
 * Image archives as containerd 1.6's {@code images/archive} reads and writes them: OCI image
 * layouts and {@code docker save} tars in, OCI image layouts with Docker's {@code manifest.json}
 * out, through {@link io.jcontainerd.image.archive.ArchiveContent}: the same code in the client and the daemon.
 */
package io.jcontainerd.image.archive;
