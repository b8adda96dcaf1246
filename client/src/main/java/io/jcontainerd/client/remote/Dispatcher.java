package io.jcontainerd.client.remote;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.image.Handler;
import io.jcontainerd.image.ImageDescriptor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Upstream's {@code images.Dispatch}: runs the handler on every descriptor at once, each one's
 * children as soon as it is handled, with at most {@code limit} handlers running (0: no limit).
 * The first failure cancels the rest and is thrown. Every task carries the caller's lease.
 */
final class Dispatcher {
    private final ContainerdClient client;
    private final Optional<String> lease;
    private final Semaphore limiter;

    Dispatcher(ContainerdClient client, int limit) {
        this.client = client;
        this.lease = client.currentLease();
        this.limiter = limit > 0 ? new Semaphore(limit) : null;
    }

    void dispatch(Handler handler, List<ImageDescriptor> roots) throws IOException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            dispatch(handler, roots, executor);
        }
    }

    private void dispatch(Handler handler, List<ImageDescriptor> descs, ExecutorService executor) throws IOException {
        List<Future<Void>> tasks = new ArrayList<>(descs.size());
        for (ImageDescriptor desc : descs) {
            tasks.add(executor.submit(() -> {
                List<ImageDescriptor> children = leased(() -> handle(handler, desc));
                dispatch(handler, children, executor);
                return null;
            }));
        }
        try {
            for (Future<Void> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            tasks.forEach(t -> t.cancel(true));
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        } catch (InterruptedException e) {
            tasks.forEach(t -> t.cancel(true));
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("dispatch interrupted");
        }
    }

    private List<ImageDescriptor> handle(Handler handler, ImageDescriptor desc) throws IOException {
        if (limiter == null) {
            return handler.handle(desc);
        }
        limiter.acquireUninterruptibly();
        try {
            return handler.handle(desc);
        } finally {
            limiter.release();
        }
    }

    private <T> T leased(ContainerdClient.LeasedWork<T> work) throws IOException {
        return lease.isPresent() ? client.withLease(lease.get(), work) : work.run();
    }
}
