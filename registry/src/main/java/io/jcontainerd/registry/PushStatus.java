package io.jcontainerd.registry;

/** How a push ended. */
public enum PushStatus {
    /** The bytes were uploaded. */
    PUSHED,
    /** The registry already had the content (for a tagged manifest: under that tag); nothing was read. */
    EXISTS,
    /** The registry linked the blob from another repository of its own; nothing was read. */
    MOUNTED
}
