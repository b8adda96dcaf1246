package io.jcontainerd.core.events;

import io.jcontainerd.core.types.TypedValue;
import java.time.Instant;
import java.util.Objects;

/**
 * One event as the exchange distributes it: when and in which namespace it happened, its topic
 * (e.g. {@code /namespaces/create}) and its payload.
 *
 * @param timestamp when the event was published; {@link #UNSET_TIMESTAMP} when a forwarder sent none
 */
public record EventEnvelope(Instant timestamp, String namespace, String topic, TypedValue event) {
    /**
     * Go's zero {@code time.Time}, which is what an envelope without a timestamp decodes to
     * upstream (the field is a non-nullable {@code stdtime}); forwarding rejects it.
     */
    public static final Instant UNSET_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");

    public EventEnvelope {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
    }
}
