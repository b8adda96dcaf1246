package io.jcontainerd.ctr.commands.events;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.jcontainerd.api.events.EventTypes;
import io.jcontainerd.core.events.EventEnvelope;
import io.jcontainerd.ctr.text.GoJson;
import io.jcontainerd.ctr.text.GoTime;

/**
 * One event as ctr prints it, {@code fmt.Println(timestamp, namespace, topic, json)}:
 * {@code 2024-01-02 03:04:05.123456789 +0000 UTC default /namespaces/create {"name":"x"}}.
 */
final class EventText {
    private EventText() {
    }

    /**
     * {@return the line, without its newline}
     *
     * @throws InvalidProtocolBufferException if the payload is not a known event (ctr's
     *     {@code cannot unmarshal an event from Any})
     */
    static String line(EventEnvelope envelope) throws InvalidProtocolBufferException {
        Message event = EventTypes.decode(envelope.event().typeUrl(), ByteString.copyFrom(envelope.event().value()));
        return GoTime.utcString(envelope.timestamp()) + " " + envelope.namespace() + " " + envelope.topic() + " "
                + GoJson.marshal(event);
    }
}
