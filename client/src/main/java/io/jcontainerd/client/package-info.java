/**
 * Client for containerd-compatible daemons: gRPC over a Unix socket with the namespace sent as the
 * {@code containerd-namespace} header on every call. {@link io.jcontainerd.client.ContainerdClient}
 * is the entry point; its typed facades return records and throw
 * {@link io.jcontainerd.core.errdefs.ErrdefsException} for every server or transport error.
 */
package io.jcontainerd.client;
