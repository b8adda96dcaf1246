package io.jcontainerd.client.h2;

import java.io.IOException;

/** A header block that breaks HPACK's rules: the connection cannot go on, as the tables may disagree. */
final class HpackException extends IOException {
    HpackException(String message) {
        super("HPACK: " + message);
    }
}
