/** Images: named references to a target descriptor, their store, and the OCI/Docker image model. */
package io.jcontainerd.core.images;
