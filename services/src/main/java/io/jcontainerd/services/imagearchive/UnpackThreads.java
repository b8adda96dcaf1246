package io.jcontainerd.services.imagearchive;

import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads an archive import unpacks on: two, one per core, so a layer applied ahead of its
 * parent ({@link LayerUnpacker}) can go beside the chain's own apply. Work a chain waits on
 * goes before work applied ahead; each kind in the order it was handed in.
 */
final class UnpackThreads implements AutoCloseable {
    private static final int THREADS = 2;
    private static final int CHAIN = 0;
    private static final int AHEAD = 1;

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
            new PriorityBlockingQueue<>(), Thread.ofPlatform().name("import-unpack-", 0).factory());
    private final AtomicLong handedIn = new AtomicLong();

    /** A task with its place in the queue. */
    private record Task(int kind, long order, Runnable work) implements Runnable, Comparable<Task> {
        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Task other) {
            return kind != other.kind ? Integer.compare(kind, other.kind) : Long.compare(order, other.order);
        }
    }

    /** {@return where work a chain waits on goes} */
    Executor chain() {
        return work -> pool.execute(new Task(CHAIN, handedIn.incrementAndGet(), work));
    }

    /** {@return where work applied ahead goes} */
    Executor ahead() {
        return work -> pool.execute(new Task(AHEAD, handedIn.incrementAndGet(), work));
    }

    /** Interrupts what runs (an apply stops at its next entry), drops what waits, and waits for the threads to end. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the unpack threads did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
