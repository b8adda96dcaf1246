package io.jcontainerd.core.streaming;

import java.util.Arrays;
import java.util.Objects;

/**
 * One message of a {@link Stream}: what protobuf calls an {@code Any}. Immutable: the bytes are
 * copied in and out.
 *
 * @param typeUrl the message type, e.g. {@code containerd.types.transfer.Progress}
 * @param value   the serialized message
 */
public record StreamMessage(String typeUrl, byte[] value) {
    public StreamMessage {
        Objects.requireNonNull(typeUrl, "typeUrl");
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamMessage other && typeUrl.equals(other.typeUrl) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * typeUrl.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "StreamMessage[typeUrl=" + typeUrl + ", " + value.length + " bytes]";
    }
}
