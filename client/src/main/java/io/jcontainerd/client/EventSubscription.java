package io.jcontainerd.client;

import containerd.services.events.v1.EventsOuterClass.Envelope;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.jcontainerd.core.events.EventEnvelope;
import io.jcontainerd.core.types.TypedValue;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

/** An open Subscribe stream: read events with {@link #next()}, end it with {@link #close()}. */
public final class EventSubscription implements AutoCloseable {
    private final Context.CancellableContext call;
    private final Iterator<Envelope> stream;

    EventSubscription(Context.CancellableContext call, Iterator<Envelope> stream) {
        this.call = call;
        this.stream = stream;
    }

    /**
     * Waits for the next event.
     *
     * @return the event (a missing timestamp reads as {@link EventEnvelope#UNSET_TIMESTAMP}), or
     *     empty if the server ended the stream
     * @throws io.jcontainerd.core.errdefs.ErrdefsException if the stream failed; its cause is the
     *     gRPC status, which ctr prints as it is
     */
    public Optional<EventEnvelope> next() {
        try {
            if (!stream.hasNext()) {
                return Optional.empty();
            }
            Envelope e = stream.next();
            Instant timestamp = e.hasTimestamp()
                    ? Instant.ofEpochSecond(e.getTimestamp().getSeconds(), e.getTimestamp().getNanos())
                    : EventEnvelope.UNSET_TIMESTAMP;
            return Optional.of(new EventEnvelope(timestamp, e.getNamespace(), e.getTopic(),
                    new TypedValue(e.getEvent().getTypeUrl(), e.getEvent().getValue().toByteArray())));
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toErrdefs(e);
        }
    }

    /** Cancels the stream. */
    @Override
    public void close() {
        call.cancel(null);
    }
}
