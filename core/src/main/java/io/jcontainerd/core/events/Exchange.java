package io.jcontainerd.core.events;

import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.filters.Filter;
import io.jcontainerd.core.filters.Filters;
import io.jcontainerd.core.identifiers.Identifiers;
import io.jcontainerd.core.namespaces.Namespaces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Broadcasts events to subscribers, after containerd's {@code events/exchange}: {@link #publish}
 * stamps and sends an event, {@link #forward} sends an envelope someone else stamped (a shim),
 * {@link #subscribe} receives those matching containerd filters on {@code namespace},
 * {@code topic} and {@code event.*}.
 *
 * <p>Every subscriber sees events in the same order. Publishing never waits for subscribers: each
 * has its own bounded queue (see {@link Subscription}).
 */
public final class Exchange implements Publisher, AutoCloseable {
    private final PayloadFields payloadFields;
    private final SubscriberLimits limits;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private boolean closed;

    /** @param payloadFields how filters see inside payloads ({@code event.*}) */
    public Exchange(PayloadFields payloadFields, SubscriberLimits limits) {
        this.payloadFields = payloadFields;
        this.limits = limits;
    }

    /**
     * Publishes {@code event}, stamped with the current time.
     *
     * @throws ErrdefsException {@code failed publishing event: namespace is required: failed
     *     precondition} (or {@code ...: namespace validation: ...}), or INVALID_ARGUMENT for the
     *     topic or an event without a type URL
     */
    @Override
    public void publish(String namespace, String topic, TypedValue event) {
        try {
            Namespaces.required(namespace);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "failed publishing event: " + e.getMessage(), e);
        }
        Topics.validate(topic);
        requireType(event);
        dispatch(new EventEnvelope(Instant.now(), namespace, topic, event));
    }

    /**
     * Sends an envelope as it is, e.g. one a shim stamped on behalf of a namespace.
     *
     * @throws ErrdefsException INVALID_ARGUMENT for a bad namespace or topic, an unset timestamp
     *     or an event without a type URL
     */
    public void forward(EventEnvelope envelope) {
        try {
            Identifiers.validate(envelope.namespace());
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "event envelope has invalid namespace: " + e.getMessage(), e);
        }
        Topics.validate(envelope.topic());
        if (envelope.timestamp().equals(EventEnvelope.UNSET_TIMESTAMP)) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT,
                    "timestamp must be set on forwarded event: invalid argument");
        }
        requireType(envelope.event());
        dispatch(envelope);
    }

    /**
     * Subscribes to the events that match any of {@code filters} (all events when there are none).
     *
     * @throws ErrdefsException INVALID_ARGUMENT {@code failed parsing subscription filters: ...},
     *     UNAVAILABLE once the exchange is closed
     */
    public Subscription subscribe(List<String> filters) {
        Filter filter;
        try {
            filter = Filters.parseAll(filters);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "failed parsing subscription filters: " + e.getMessage(), e);
        }
        Subscription subscription = new Subscription(filter, limits, this::remove);
        synchronized (this) {
            if (closed) {
                throw shutDown();
            }
            subscriptions.add(subscription);
        }
        return subscription;
    }

    /** Ends every subscription with UNAVAILABLE (after the events already queued); later events go nowhere. */
    @Override
    public void close() {
        List<Subscription> ended;
        synchronized (this) {
            closed = true;
            ended = List.copyOf(subscriptions);
            subscriptions.clear();
        }
        ended.forEach(s -> s.end(shutDown()));
    }

    // one lock for the whole fan-out keeps a single order across subscribers; offers never block
    private synchronized void dispatch(EventEnvelope envelope) {
        EnvelopeFields fields = new EnvelopeFields(envelope, payloadFields);
        for (Iterator<Subscription> it = subscriptions.iterator(); it.hasNext(); ) {
            if (!it.next().offer(envelope, fields)) {
                it.remove();
            }
        }
    }

    // upstream crashes on an envelope without an event; an empty type URL is how one arrives here
    private static void requireType(TypedValue event) {
        if (event.typeUrl().isEmpty()) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "event is required: invalid argument");
        }
    }

    private synchronized void remove(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    private static ErrdefsException shutDown() {
        return new ErrdefsException(ErrorKind.UNAVAILABLE, "event exchange is shutting down: unavailable");
    }
}
