package io.jcontainerd.registry.auth;

/** The challenge schemes a registry may offer, most preferred first (upstream sorts token > digest > basic). */
public enum AuthScheme {
    BEARER,
    /** Recognised so it sorts right; never answered, as upstream. */
    DIGEST,
    BASIC
}
