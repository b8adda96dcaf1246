/**
 * The OCI and Docker schema-2 image model as containerd 1.6 reads it: media types, the JSON
 * documents (manifest, index, config) as tolerant records, platforms and their matchers, and
 * the walk over an image's content graph that {@code images ls}, {@code images check}, unpack,
 * import and export share.
 *
 * <p>Everything here reads untrusted bytes from a {@link io.jcontainerd.core.content.Provider}:
 * JSON blobs are read with a size cap and parsed with bounded nesting, and a document whose body
 * contradicts its media type (a manifest that is really an index) is rejected, as upstream does
 * since GHSA-5j5w-g665-5m35.
 */
package io.jcontainerd.image;
