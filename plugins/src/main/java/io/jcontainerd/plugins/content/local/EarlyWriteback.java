package io.jcontainerd.plugins.content.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * Pushes an ingest's data towards the disk while the client is still sending it: after every
 * {@value #INTERVAL_BYTES} bytes, one background {@code fdatasync}. The kernel would otherwise
 * hold a whole layer in the page cache until the commit's fsync, which then waits for all of it;
 * this way the disk writes while the writer hashes and copies, and the commit waits only for the
 * tail. It is not what makes data durable: the commit's fsync is.
 */
final class EarlyWriteback {
    static final long INTERVAL_BYTES = 32L << 20;

    private final FileChannel channel;
    private long sinceLastStart;
    private Thread inFlight;
    /** The first failed flush: fsync reports an I/O error once, so it must reach the commit. */
    private volatile IOException failure;

    EarlyWriteback(FileChannel channel) {
        this.channel = channel;
    }

    /** Counts {@code bytes} just written and starts a flush when enough piled up and none is running. */
    void written(long bytes) {
        sinceLastStart += bytes;
        if (sinceLastStart >= INTERVAL_BYTES && (inFlight == null || !inFlight.isAlive())) {
            sinceLastStart = 0;
            inFlight = Thread.ofVirtual().name("content-writeback").start(this::flush);
        }
    }

    private void flush() {
        try {
            channel.force(false);
        } catch (ClosedChannelException closed) {
            // the writer went away; nothing left to push
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /**
     * Waits for the flush in flight, before the channel is synced for good or closed.
     *
     * @throws IOException the error of a failed background flush
     */
    void finish() throws IOException {
        if (inFlight != null) {
            try {
                inFlight.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for data writeback");
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
