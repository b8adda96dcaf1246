package io.jcontainerd.core.types;

import java.util.Arrays;
import java.util.Objects;

/**
 * A serialized message and its type, what protobuf calls an {@code Any}: an event's payload (whose
 * type URL containerd makes the message's full name, e.g. {@code containerd.events.NamespaceCreate}),
 * a container's spec, runtime options and extensions, kept as the client sent them; a message of a
 * stream (core.streaming). Immutable: the
 * bytes are copied in and out.
 *
 * @param typeUrl the message type, as the client named it
 * @param value   the serialized message
 */
public record TypedValue(String typeUrl, byte[] value) {
    public TypedValue {
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
        return o instanceof TypedValue other && typeUrl.equals(other.typeUrl) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * typeUrl.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "TypedValue[typeUrl=" + typeUrl + ", " + value.length + " bytes]";
    }
}
