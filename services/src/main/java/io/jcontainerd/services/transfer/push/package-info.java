/**
 * The daemon's push, containerd 2.x's {@code ImageStore} → {@code OCIRegistry} transfer: an image
 * of the image store uploaded from content with {@link io.jcontainerd.registry.ContentPush} (blobs
 * the registry has skipped, others mounted across repositories, manifests last), reporting
 * upstream's progress events.
 */
package io.jcontainerd.services.transfer.push;
