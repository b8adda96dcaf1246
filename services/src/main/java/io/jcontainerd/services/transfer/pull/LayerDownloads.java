package io.jcontainerd.services.transfer.pull;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.image.ImageDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The layer downloads of one pull: each blob once, on its own virtual thread, at most
 * {@code maxConcurrent} transferring at a time, in the order they were started. When the pull
 * unpacks, each download hands its bytes on through a {@link LayerStream} to the unpack that asks
 * for them. Closing cancels what has not finished (after a failure elsewhere) and waits for it to stop.
 */
final class LayerDownloads implements AutoCloseable {
    private final BlobIngest ingest;
    private final Semaphore slots;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final boolean handOn;
    private final Map<Digest, Future<Void>> started = new ConcurrentHashMap<>();
    private final Map<Digest, LayerStream> streams = new ConcurrentHashMap<>();

    /** @param handOn whether unpacks will ask for the downloads' bytes ({@link #stream}) */
    LayerDownloads(BlobIngest ingest, int maxConcurrent, boolean handOn) {
        this.ingest = ingest;
        this.slots = new Semaphore(maxConcurrent, true);
        this.handOn = handOn;
    }

    /** Starts fetching {@code layer} unless it was started before. */
    void start(ImageDescriptor layer) {
        started.computeIfAbsent(layer.digest(), d -> {
            LayerStream tee = handOn ? new LayerStream() : LayerStream.none();
            streams.put(d, tee);
            return threads.submit(() -> {
                try {
                    slots.acquire();
                    try {
                        ingest.blob(layer, tee);
                    } finally {
                        slots.release();
                    }
                } catch (Throwable e) {
                    tee.fail(e);
                    throw e;
                }
                tee.complete();
                return null;
            });
        });
    }

    /**
     * {@return {@code layer}'s bytes as they download, starting it if needed}; empty when they are
     * not handed on (content had the blob, the download resumed, or it ran ahead unread): then
     * {@link #await} the blob and read it from content. Waits until the download has begun.
     */
    Optional<InputStream> stream(ImageDescriptor layer) throws InterruptedException {
        start(layer);
        return streams.get(layer.digest()).open();
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
