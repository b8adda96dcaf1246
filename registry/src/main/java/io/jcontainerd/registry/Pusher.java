package io.jcontainerd.registry;

import io.jcontainerd.image.ImageDescriptor;

/**
 * Uploads content to a repository. Blobs and manifests that the registry already has are not
 * read; a blob whose descriptor names another repository of the same registry in a
 * {@code containerd.io/distribution.source.<host>} annotation is mounted from there when the
 * registry allows it.
 */
public interface Pusher {
    /**
     * Pushes a blob, or a manifest or index by its digest.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when no endpoint may push;
     *     UNAUTHENTICATED, PERMISSION_DENIED, UNAVAILABLE or UNKNOWN as the registry answered; UNKNOWN
     *     when the registry reports another digest than the descriptor's
     */
    PushStatus push(ImageDescriptor descriptor, BlobSource source);

    /**
     * Pushes the image's root manifest or index under the reference's tag (by digest when the
     * reference has none, or a digest other than this one).
     */
    PushStatus pushTagged(ImageDescriptor descriptor, BlobSource source);
}
