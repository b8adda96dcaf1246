package io.jcontainerd.core.events;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An encoded event, what protobuf calls an {@code Any}: the message type and its serialized bytes.
 * containerd's type URL for an event is the message's full name, e.g.
 * {@code containerd.events.NamespaceCreate}. Immutable: the bytes are copied in and out.
 *
 * @param typeUrl the message type
 * @param value the serialized message
 */
public record EventPayload(String typeUrl, byte[] value) {
    public EventPayload {
        Objects.requireNonNull(typeUrl, "typeUrl");
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** {@return the size of the serialized message in bytes} */
    public int size() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventPayload other && typeUrl.equals(other.typeUrl) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * typeUrl.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "EventPayload[typeUrl=" + typeUrl + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
}
