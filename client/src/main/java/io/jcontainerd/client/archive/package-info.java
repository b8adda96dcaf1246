/**
 * Image archives as containerd 1.6's {@code images/archive} reads and writes them: OCI image
 * layouts and {@code docker save} tars in, OCI image layouts with Docker's {@code manifest.json}
 * out, through the content service.
 */
package io.jcontainerd.client.archive;
