package io.jcontainerd.core.events;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.filters.Adaptor;
import io.jcontainerd.core.filters.Filter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One subscriber's events, in publish order, from {@link Exchange#subscribe}: read them with
 * {@link #next()}, end the subscription with {@link #close()}.
 *
 * <p>The queue is bounded (events and bytes) so that a subscriber that stops reading cannot block
 * publishers or exhaust memory. Upstream queues without limit; here a subscriber that falls that
 * far behind is ended instead, with RESOURCE_EXHAUSTED after the events already queued, so that it
 * learns it missed events rather than silently skipping some.
 */
public final class Subscription implements AutoCloseable {
    /** Overhead counted per queued envelope besides its payload, so that empty payloads still count. */
    private static final int ENVELOPE_OVERHEAD_BYTES = 64;

    private final Filter filter;
    private final SubscriberLimits limits;
    private final Consumer<Subscription> onClose;
    private final ArrayDeque<EventEnvelope> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean ended;
    private ErrdefsException failure;

    Subscription(Filter filter, SubscriberLimits limits, Consumer<Subscription> onClose) {
        this.filter = filter;
        this.limits = limits;
        this.onClose = onClose;
    }

    /**
     * Waits for the next event.
     *
     * @return the event, or empty once the subscription is closed
     * @throws ErrdefsException once the queued events are read, if the exchange ended the
     *     subscription: RESOURCE_EXHAUSTED when the subscriber fell too far behind, UNAVAILABLE
     *     when the exchange closed
     */
    public Optional<EventEnvelope> next() throws InterruptedException {
        return await(null);
    }

    /** Like {@link #next()}, but also returns empty if nothing arrives within {@code timeout}. */
    public Optional<EventEnvelope> poll(Duration timeout) throws InterruptedException {
        return await(timeout);
    }

    /** @param timeout null to wait as long as it takes */
    private synchronized Optional<EventEnvelope> await(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        while (queue.isEmpty() && !ended) {
            if (timeout == null) {
                wait();
                continue;
            }
            long left = timeout.toNanos() - (System.nanoTime() - start);
            if (left <= 0) {
                return Optional.empty();
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        EventEnvelope next = queue.poll();
        if (next != null) {
            queuedBytes -= weight(next);
            return Optional.of(next);
        }
        if (failure != null) {
            throw failure;
        }
        return Optional.empty();
    }

    /** Ends the subscription: queued events are dropped and {@link #next()} returns empty. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            queue.clear();
            queuedBytes = 0;
            failure = null;
            ended = true;
            notifyAll();
        }
        onClose.accept(this);
    }

    /**
     * Queues {@code envelope} if it passes the filter; called by the exchange, in publish order.
     *
     * @return false once the subscription has ended, so the exchange can forget it
     */
    boolean offer(EventEnvelope envelope, Adaptor fields) {
        if (!filter.match(fields)) {
            return true;
        }
        long weight = weight(envelope);
        synchronized (this) {
            if (ended) {
                return false;
            }
            // an event larger than the byte limit still goes to a subscriber that has caught up
            if (!queue.isEmpty() && (queue.size() >= limits.maxEvents() || queuedBytes + weight > limits.maxBytes())) {
                end(new ErrdefsException(ErrorKind.RESOURCE_EXHAUSTED, "event subscriber fell behind: "
                        + queue.size() + " events (" + queuedBytes + " bytes) not read: resource exhausted"));
                return false;
            }
            queue.add(envelope);
            queuedBytes += weight;
            notifyAll();
            return true;
        }
    }

    /** Ends the subscription on the exchange's side: queued events are still delivered, then {@code why}. */
    synchronized void end(ErrdefsException why) {
        if (!ended) {
            ended = true;
            failure = why;
            notifyAll();
        }
    }

    private static long weight(EventEnvelope e) {
        return ENVELOPE_OVERHEAD_BYTES + e.event().size() + e.topic().length() + e.namespace().length()
                + e.event().typeUrl().length();
    }
}
