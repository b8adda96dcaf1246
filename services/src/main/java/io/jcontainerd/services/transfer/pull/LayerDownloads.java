package io.jcontainerd.services.transfer.pull;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.image.ImageDescriptor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The layer downloads of one pull: each blob once, on its own virtual thread, at most
 * {@code maxConcurrent} transferring at a time, in the order they were started. Closing cancels
 * what has not finished (after a failure elsewhere) and waits for it to stop.
 */
final class LayerDownloads implements AutoCloseable {
    private final BlobIngest ingest;
    private final Semaphore slots;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Digest, Future<Void>> started = new ConcurrentHashMap<>();

    LayerDownloads(BlobIngest ingest, int maxConcurrent) {
        this.ingest = ingest;
        this.slots = new Semaphore(maxConcurrent, true);
    }

    /** Starts fetching {@code layer} unless it was started before. */
    void start(ImageDescriptor layer) {
        started.computeIfAbsent(layer.digest(), d -> threads.submit(() -> {
            slots.acquire();
            try {
                ingest.blob(layer);
            } finally {
                slots.release();
            }
            return null;
        }));
    }

    /** Waits until {@code layer} is in content, starting it if needed; rethrows its failure. */
    void await(ImageDescriptor layer) throws IOException, InterruptedException {
        start(layer);
        waitFor(started.get(layer.digest()));
    }

    /** Waits for every download started; rethrows the first failure met. */
    void awaitAll() throws IOException, InterruptedException {
        for (Future<Void> download : started.values()) {
            waitFor(download);
        }
    }

    private static void waitFor(Future<Void> download) throws IOException, InterruptedException {
        try {
            download.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case InterruptedException ie -> throw new InterruptedIOException("download interrupted");
                case Error err -> throw err;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    @Override
    public void close() {
        started.values().forEach(f -> f.cancel(true));
        threads.shutdownNow();
        threads.close();
    }
}
