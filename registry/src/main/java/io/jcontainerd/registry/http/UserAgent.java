package io.jcontainerd.registry.http;

/** The User-Agent registry and token requests carry unless the caller sets one. */
public final class UserAgent {
    /** containerd's API level with our name as build metadata, as {@code ctr version} reports the server. */
    public static final String DEFAULT = "containerd/1.6.20+jcontainerd";

    private UserAgent() {
    }
}
