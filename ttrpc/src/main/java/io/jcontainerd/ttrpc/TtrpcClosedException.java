package io.jcontainerd.ttrpc;

import java.io.IOException;

/**
 * The connection under a {@link TtrpcClient} is gone (closed locally, or by the peer), so the call
 * got no answer. Upstream's {@code ttrpc.ErrClosed}: containerd takes it to mean the shim exited.
 */
public final class TtrpcClosedException extends IOException {
    public TtrpcClosedException(Throwable cause) {
        super("ttrpc: closed", cause);
    }
}
