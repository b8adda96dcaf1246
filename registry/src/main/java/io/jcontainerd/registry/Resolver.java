package io.jcontainerd.registry;

/**
 * Turns references ({@code host/repository[:tag][@digest]}, containerd's
 * {@link io.jcontainerd.image.reference.ReferenceSpec} form) into descriptors and gives access
 * to their repository's content.
 */
public interface Resolver {
    /**
     * @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for a malformed reference
     *     or one without tag or digest ("object required"); NOT_FOUND when no endpoint has it
     */
    Resolved resolve(String reference);

    /** {@return a fetcher for the reference's repository} */
    Fetcher fetcher(String reference);

    /** {@return a pusher to the reference's repository; manifests are tagged with its tag} */
    Pusher pusher(String reference);
}
