package io.jcontainerd.services.events;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import containerd.services.events.v1.EventsOuterClass.Envelope;
import io.jcontainerd.api.events.EventTypes;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.events.EventEnvelope;
import io.jcontainerd.core.types.TypedValue;
import java.time.Instant;

/** Events between their protobuf form (Events API, ttrpc, generated event messages) and core's. */
public final class EventProtos {
    // the range Go's protobuf accepts for a Timestamp: years 0001 to 9999
    private static final long MIN_SECONDS = EventEnvelope.UNSET_TIMESTAMP.getEpochSecond();
    private static final long MAX_SECONDS = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private EventProtos() {
    }

    /** {@return {@code event} encoded as containerd's typeurl does} */
    public static TypedValue payload(Message event) {
        return new TypedValue(EventTypes.typeUrl(event), event.toByteArray());
    }

    /** {@return the payload an API request carries; a missing one reads as an empty type URL, which the exchange rejects} */
    static TypedValue payload(Any event) {
        return new TypedValue(event.getTypeUrl(), event.getValue().toByteArray());
    }

    static Envelope toProto(EventEnvelope envelope) {
        Instant t = envelope.timestamp();
        return Envelope.newBuilder()
                .setTimestamp(Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()))
                .setNamespace(envelope.namespace())
                .setTopic(envelope.topic())
                .setEvent(Any.newBuilder()
                        .setTypeUrl(envelope.event().typeUrl())
                        .setValue(ByteString.copyFrom(envelope.event().value())))
                .build();
    }

    /** An envelope without a timestamp gets {@link EventEnvelope#UNSET_TIMESTAMP}, as Go decodes it. */
    static EventEnvelope fromProto(Envelope envelope) {
        Instant timestamp = envelope.hasTimestamp() ? instant(envelope.getTimestamp()) : EventEnvelope.UNSET_TIMESTAMP;
        return new EventEnvelope(timestamp, envelope.getNamespace(), envelope.getTopic(), payload(envelope.getEvent()));
    }

    private static Instant instant(Timestamp t) {
        if (t.getSeconds() < MIN_SECONDS || t.getSeconds() > MAX_SECONDS || t.getNanos() < 0 || t.getNanos() > 999_999_999) {
            throw Errdefs.invalidArgument("envelope timestamp out of range: seconds " + t.getSeconds()
                    + ", nanos " + t.getNanos());
        }
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
