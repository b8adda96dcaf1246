/**
 * A registry client over the OCI distribution API, after containerd 1.6's {@code remotes/docker}:
 * {@link io.jcontainerd.registry.DockerResolver} resolves a reference to a descriptor (HEAD, then
 * GET when the registry gives no digest or size; manifests over 4 MiB refused), and hands out a
 * {@link io.jcontainerd.registry.Fetcher} (blobs and manifests by digest, from an offset, resuming
 * after a dropped connection) and a {@link io.jcontainerd.registry.Pusher} (existence check first,
 * cross-repository mount, monolithic or chunked uploads, manifests by digest or tag). Endpoints come
 * from {@link io.jcontainerd.registry.hosts.RegistryHosts} and are tried in order; authentication
 * and TLS are theirs. Errors are errdefs: 404 NOT_FOUND, 401 UNAUTHENTICATED, 403
 * PERMISSION_DENIED, an unreachable endpoint UNAVAILABLE, anything else UNKNOWN with the
 * registry's error body.
 */
package io.jcontainerd.registry;
