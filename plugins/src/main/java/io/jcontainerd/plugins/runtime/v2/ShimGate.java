package io.jcontainerd.plugins.runtime.v2;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Keeps one namespace's shim Shutdowns and task creates apart. {@code shim start} hands a new task
 * to a live shim whose socket it derives (runc-v2 from the namespace and the id or group, ours per
 * namespace), and a shim with no containers left exits at the Shutdown it is sent. So a create
 * waits for the Shutdowns of deletes begun before it (pending from the delete's start, as the
 * shim may drop the container and exit at a group-mate's Shutdown before the delete replies),
 * and a Shutdown waits for the creates already between their shim's start and its Create: a shim
 * then either exits before a start looks for it or has its new container when told to exit. Both
 * waits give up after the shutdown timeout, as a shim slower than that is one the synchronous
 * path would give up on too.
 */
final class ShimGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int creating;
    private int shutdowns;

    /** Called as a delete begins: creates that begin from now on wait for its Shutdown (or {@link #shutdownWithdrawn}). */
    void shutdownPending() {
        lock.lock();
        try {
            shutdowns++;
        } finally {
            lock.unlock();
        }
    }

    /** A delete that called {@link #shutdownPending} failed and sends no Shutdown after all. */
    void shutdownWithdrawn() {
        lock.lock();
        try {
            shutdowns--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the creates under way, then runs {@code shutdown}; ends what {@link #shutdownPending} began. */
    void shutDown(Duration patience, Runnable shutdown) {
        try {
            lock.lock();
            try {
                awaitZero(() -> creating, patience);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the daemon is stopping: tell the shim anyway
            } finally {
                lock.unlock();
            }
            shutdown.run();
        } finally {
            shutdownWithdrawn();
        }
    }

    /**
     * Waits for the pending Shutdowns, then counts a create under way until {@link #createDone}.
     *
     * @throws ErrdefsException CANCELED when interrupted while waiting
     */
    void createBegins(Duration patience) {
        lock.lock();
        try {
            awaitZero(() -> shutdowns, patience);
            creating++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrdefsException(ErrorKind.CANCELED, "interrupted waiting for the shims of deleted tasks");
        } finally {
            lock.unlock();
        }
    }

    void createDone() {
        lock.lock();
        try {
            creating--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits, holding the lock, until {@code count} is zero or {@code patience} has passed. */
    private void awaitZero(IntSupplier count, Duration patience) throws InterruptedException {
        long left = patience.toNanos();
        while (count.getAsInt() > 0 && left > 0) {
            left = changed.awaitNanos(left);
        }
    }
}
