package io.jcontainerd.core.gc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Decides when a {@link Collectable} collects, with the semantics of containerd's GC scheduler:
 * changes and deletions are counted; deletions (or enough changes) schedule a collection after
 * {@code scheduleDelay}; after the first collection, checks come every {@code interval}, which the
 * pause threshold derives from the average collection time; {@link #collectAndWait} triggers one
 * and returns its stats. One thread makes all decisions, so the state needs no locks.
 */
public final class GcScheduler implements AutoCloseable {
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(GcScheduler.class.getName());

    private sealed interface Event {
        long at();
    }

    private record Mutation(long at, boolean dirty) implements Event {
    }

    private record Trigger(long at, CompletableFuture<GcStats> waiter) implements Event {
    }

    private record Stop(long at) implements Event {
    }

    private final Collectable collectable;
    private final GcSchedule schedule;
    private final Consumer<String> errorLog;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread thread;

    // the scheduling thread's state
    private final List<CompletableFuture<GcStats>> waiters = new ArrayList<>();
    private long next;
    private boolean scheduled;
    /** When the last collection started. */
    private long last;
    private boolean collectedOnce;
    private long interval = DEFAULT_INTERVAL.toNanos();
    private long gcNanos;
    private int collections;
    private boolean triggered;
    private int deletions;
    private int mutations;

    /** @param errorLog where a failed collection is reported (the scheduler carries on) */
    public GcScheduler(Collectable collectable, GcSchedule schedule, Consumer<String> errorLog) {
        this.collectable = collectable;
        this.schedule = schedule;
        this.errorLog = errorLog;
        this.thread = Thread.ofPlatform().daemon().name("gc-scheduler").unstarted(this::run);
        collectable.onMutation(dirty -> events.add(new Mutation(System.nanoTime(), dirty)));
    }

    public GcScheduler start() {
        if (!schedule.startupDelay().isZero()) {
            scheduleIn(schedule.startupDelay().toNanos());
        }
        thread.start();
        return this;
    }

    /**
     * Asks for a collection now and waits for it: what {@code sync} deletes do.
     *
     * @throws IllegalStateException when the collection failed
     */
    public GcStats collectAndWait() throws InterruptedException {
        CompletableFuture<GcStats> waiter = new CompletableFuture<>();
        events.add(new Trigger(System.nanoTime(), waiter));
        try {
            return waiter.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("gc failed", e.getCause());
        }
    }

    @Override
    public void close() throws InterruptedException {
        events.add(new Stop(System.nanoTime()));
        thread.join();
    }

    private void run() {
        try {
            while (true) {
                Event event = scheduled ? events.poll(Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : events.take();
                if (event instanceof Stop) {
                    waiters.forEach(w -> w.completeExceptionally(new IllegalStateException("gc scheduler stopped")));
                    return;
                }
                if (event != null) {
                    onEvent(event);
                } else if (collectionDue()) {
                    collect();
                } else {
                    scheduleIn(interval);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onEvent(Event event) {
        switch (event) {
            case Mutation m -> {
                if (collectedOnce && last - m.at() > 0) {
                    return; // a collection since covered it
                }
                mutations++;
                if (m.dirty()) {
                    deletions++;
                }
            }
            case Trigger t -> {
                // never stale: its waiter needs a collection that starts after it asked
                waiters.add(t.waiter());
                triggered = true;
            }
            case Stop s -> throw new IllegalStateException("handled by run");
        }
        boolean due = triggered
                || (schedule.deletionThreshold() > 0 && deletions >= schedule.deletionThreshold())
                || (!scheduled && ((schedule.deletionThreshold() == 0 && deletions > 0)
                        || (schedule.mutationThreshold() > 0 && mutations >= schedule.mutationThreshold())));
        long delay = schedule.scheduleDelay().toNanos();
        if (due && (!scheduled || next - (System.nanoTime() + delay) > 0)) {
            scheduleIn(delay);
        }
    }

    /** At a tick: collect unless nothing happened since the last collection. */
    private boolean collectionDue() {
        return triggered || !collectedOnce || deletions > 0
                || (schedule.mutationThreshold() > 0 && mutations >= schedule.mutationThreshold());
    }

    private void collect() {
        // changes notified before the collection started are covered by it; later ones are not
        long started = System.nanoTime();
        GcStats stats;
        try {
            stats = collectable.collect();
        } catch (RuntimeException e) {
            errorLog.accept("garbage collection failed: " + e.getMessage());
            last = started;
            collectedOnce = true;
            scheduleIn(interval + DEFAULT_INTERVAL.toNanos());
            waiters.forEach(w -> w.completeExceptionally(e));
            waiters.clear();
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "garbage collected in " + stats.elapsed().toMillis() + " ms, "
                + stats.removed() + " removed");
        gcNanos += stats.elapsed().toNanos();
        collections++;
        triggered = false;
        deletions = 0;
        mutations = 0;
        if (schedule.pauseThreshold() > 0.0) {
            double average = (double) gcNanos / collections;
            interval = (long) (average / schedule.pauseThreshold() - average);
        }
        last = started;
        collectedOnce = true;
        scheduleIn(interval);
        waiters.forEach(w -> w.complete(stats));
        waiters.clear();
    }

    private void scheduleIn(long nanos) {
        next = System.nanoTime() + nanos;
        scheduled = true;
    }
}
