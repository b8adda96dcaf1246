package io.jcontainerd.plugins.content.local;

import io.jcontainerd.core.errdefs.Errdefs;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which refs have an open writer, so that one ref has one writer at a time. In memory, per store,
 * like upstream's lock map: the daemon is the only process writing its root.
 */
final class RefLocks {
    /** A lock held on one ref; releasing twice does nothing. */
    final class Held {
        private final String ref;
        private boolean released;

        private Held(String ref) {
            this.ref = ref;
        }

        void release() {
            mutex.lock();
            try {
                if (!released) {
                    released = true;
                    held.remove(ref);
                    freed.signalAll();
                }
            } finally {
                mutex.unlock();
            }
        }
    }

    private final Duration patience;
    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition freed = mutex.newCondition();
    private final Map<String, Instant> held = new HashMap<>();

    /** @param patience how long {@link #acquire} waits for a held ref before giving up */
    RefLocks(Duration patience) {
        this.patience = patience;
    }

    /**
     * Takes the lock on {@code ref}, waiting a little for a writer that is about to finish (as
     * upstream retries for up to about a second).
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException UNAVAILABLE with upstream's text
     *     "ref … locked for … (since …)" when it stays held
     */
    Held acquire(String ref) throws InterruptedIOException {
        mutex.lock();
        try {
            long waitNanos = patience.toNanos();
            while (held.containsKey(ref) && waitNanos > 0) {
                try {
                    waitNanos = freed.awaitNanos(waitNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting for the lock on ref " + ref);
                }
            }
            Instant since = held.get(ref);
            if (since != null) {
                Duration lockedFor = Duration.between(since, Instant.now());
                throw Errdefs.unavailable("ref " + ref + " locked for " + GoFormat.duration(lockedFor)
                        + " (since " + GoFormat.time(since) + ")");
            }
            held.put(ref, Instant.now());
            return new Held(ref);
        } finally {
            mutex.unlock();
        }
    }
}
