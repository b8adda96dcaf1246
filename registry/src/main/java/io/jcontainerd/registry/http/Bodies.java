package io.jcontainerd.registry.http;

import java.io.IOException;
import java.io.InputStream;

/** Bounded reads of response bodies, so a hostile server cannot make us buffer without limit. */
public final class Bodies {
    /** How much of an error or token response is read, as upstream's 64 KB. */
    public static final int SMALL_BODY_LIMIT = 64_000;

    private Bodies() {
    }

    /** {@return at most {@code limit} bytes of {@code in}; the stream is closed either way} */
    public static byte[] readAtMost(InputStream in, int limit) throws IOException {
        try (in) {
            return in.readNBytes(limit);
        }
    }

    /** Closes a body nobody wants to read, ignoring failures: it only returns the connection sooner. */
    public static void discard(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do: the response is abandoned
        }
    }
}
