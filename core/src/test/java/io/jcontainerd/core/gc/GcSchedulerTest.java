package io.jcontainerd.core.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the scheduler collects, with containerd's scheduler semantics, against a counting collectable. */
class GcSchedulerTest {
    /** Counts collections, fails on demand, and lets the test fire mutations as the store would. */
    static final class FakeStore implements Collectable {
        final Semaphore collected = new Semaphore(0);
        final AtomicInteger collections = new AtomicInteger();
        volatile boolean failing;
        final List<MutationListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public GcStats collect() {
            collections.incrementAndGet();
            collected.release();
            if (failing) {
                throw new IllegalStateException("disk on fire");
            }
            return new GcStats(Duration.ofMillis(1), 3);
        }

        @Override
        public void onMutation(MutationListener listener) {
            listeners.add(listener);
        }

        void mutate(boolean dirty) {
            listeners.forEach(l -> l.mutated(dirty));
        }
    }

    final FakeStore store = new FakeStore();
    final List<String> errors = new CopyOnWriteArrayList<>();
    GcScheduler scheduler;

    private GcScheduler start(int deletionThreshold, int mutationThreshold, Duration startupDelay) {
        scheduler = new GcScheduler(store,
                new GcSchedule(0.02, deletionThreshold, mutationThreshold, Duration.ZERO, startupDelay), errors::add);
        return scheduler.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        scheduler.close();
    }

    @Test
    void collectsOnceAfterStartupDelay() throws InterruptedException {
        start(0, 100, Duration.ofMillis(10));
        assertThat(store.collected.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aDeletionSchedulesACollection() throws InterruptedException {
        start(0, 100, Duration.ZERO);
        store.mutate(false);
        store.mutate(true);
        assertThat(store.collected.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        // and after the first collection, the next deletion is collected at the next tick
        store.mutate(true);
        assertThat(store.collected.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aDeletionThresholdWaitsForThatManyDeletions() throws InterruptedException {
        start(2, 0, Duration.ZERO);
        store.mutate(true);
        assertThat(store.collected.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
        store.mutate(true);
        assertThat(store.collected.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void enoughMutationsWithoutDeletionsCollectToo() throws InterruptedException {
        start(0, 3, Duration.ZERO);
        store.mutate(false);
        store.mutate(false);
        assertThat(store.collected.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
        store.mutate(false);
        assertThat(store.collected.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void collectAndWaitRunsACollectionAndReturnsItsStats() throws InterruptedException {
        start(0, 100, Duration.ZERO);
        assertThat(scheduler.collectAndWait().removed()).isEqualTo(3);
        assertThat(scheduler.collectAndWait().removed()).isEqualTo(3);
        assertThat(store.collections).hasValue(2);
    }

    @Test
    void aFailedCollectionFailsItsWaitersAndTheSchedulerCarriesOn() throws InterruptedException {
        start(0, 100, Duration.ZERO);
        store.failing = true;
        assertThatThrownBy(scheduler::collectAndWait).isInstanceOf(IllegalStateException.class)
                .hasMessage("gc failed").hasRootCauseMessage("disk on fire");
        assertThat(errors).containsExactly("garbage collection failed: disk on fire");
        store.failing = false;
        assertThat(scheduler.collectAndWait().removed()).isEqualTo(3);
    }
}
