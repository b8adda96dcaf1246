package io.jcontainerd.client;

/** The daemon's release and the source revision it was built from. */
public record ServerVersion(String version, String revision) {
}
