/**
 * Image references as containerd 1.6 reads them: {@link io.jcontainerd.image.reference.ReferenceSpec}
 * is the {@code host/path[:tag][@digest]} form the resolver takes (containerd's
 * {@code reference.Parse}), {@link io.jcontainerd.image.reference.DockerReference} the Docker
 * grammar with its normalisation ({@code nginx:alpine} → {@code docker.io/library/nginx:alpine}) that
 * CRI and clients apply before resolving. Errors are INVALID_ARGUMENT with upstream's wording.
 */
package io.jcontainerd.image.reference;
