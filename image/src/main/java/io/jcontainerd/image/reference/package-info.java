/**
 * Image references as containerd 1.6 reads them: Docker's normalized names
 * ({@code alpine} → {@code docker.io/library/alpine:latest}) and containerd's own
 * {@code <locator>:<object>} split, which archives use for OCI ref names.
 */
package io.jcontainerd.image.reference;
