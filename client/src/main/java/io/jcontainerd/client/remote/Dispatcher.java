package io.jcontainerd.client.remote;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.image.Handler;
import io.jcontainerd.image.Handlers;
import io.jcontainerd.image.ImageDescriptor;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@link Handlers#dispatch} for a client: every task carries the caller's lease, which lives on
 * the calling thread and would otherwise be missing on the dispatch's threads.
 */
final class Dispatcher {
    private final ContainerdClient client;
    private final Optional<String> lease;
    private final int limit;

    Dispatcher(ContainerdClient client, int limit) {
        this.client = client;
        this.lease = client.currentLease();
        this.limit = limit;
    }

    void dispatch(Handler handler, List<ImageDescriptor> roots) throws IOException {
        Handler leased = lease.isEmpty() ? handler : desc -> client.withLease(lease.get(), () -> handler.handle(desc));
        Handlers.dispatch(leased, roots, limit);
    }
}
