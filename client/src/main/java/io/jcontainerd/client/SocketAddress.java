package io.jcontainerd.client;

import java.nio.file.Path;

/**
 * A daemon address as the user gave it (kept for error messages) and the socket path it names.
 *
 * @param given the address as typed, with or without {@code unix://}
 * @param path  the socket's filesystem path
 */
record SocketAddress(String given, Path path) {
    private static final String UNIX_SCHEME = "unix://";

    /** Accepts {@code /run/x.sock} as well as {@code unix:///run/x.sock}. */
    static SocketAddress parse(String address) {
        String path = address.startsWith(UNIX_SCHEME) ? address.substring(UNIX_SCHEME.length()) : address;
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty socket address: " + address);
        }
        return new SocketAddress(address, Path.of(path));
    }
}
