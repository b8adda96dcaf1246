package io.jcontainerd.core.types;

import java.util.Arrays;
import java.util.Objects;

/**
 * A serialized message and its type, what protobuf calls an {@code Any}: an event's payload (whose
 * type URL containerd makes the message's full name, e.g. {@code containerd.events.NamespaceCreate}),
 * a container's spec, runtime options and extensions, kept as the client sent them; a message of a
 * stream (core.streaming). Immutable: {@link #TypedValue(String, byte[])} and {@link #value()} copy.
 * Stream messages carry archives a MiB at a time, so the streaming path hands its bytes over
 * instead ({@link #handOver}, {@link #read}): a class, not a record, so that the bytes can be a
 * range of an array nobody else writes.
 */
public final class TypedValue {
    /** Reads a range of bytes that must not be changed. */
    @FunctionalInterface
    public interface BytesReader<R> {
        R read(byte[] array, int offset, int length);
    }

    private final String typeUrl;
    private final byte[] array;
    private final int offset;
    private final int length;

    /**
     * @param typeUrl the message type, as the client named it
     * @param value   the serialized message, copied
     */
    public TypedValue(String typeUrl, byte[] value) {
        this(typeUrl, value.clone(), 0, value.length);
    }

    private TypedValue(String typeUrl, byte[] array, int offset, int length) {
        this.typeUrl = Objects.requireNonNull(typeUrl, "typeUrl");
        Objects.checkFromIndexSize(offset, length, array.length);
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /**
     * {@return a value over {@code array[offset, offset+length)} without copying it}; the caller
     * hands the range over: nothing may write it afterwards
     */
    public static TypedValue handOver(String typeUrl, byte[] array, int offset, int length) {
        return new TypedValue(typeUrl, array, offset, length);
    }

    /** {@return the message type, as the client named it} */
    public String typeUrl() {
        return typeUrl;
    }

    /** {@return a copy of the serialized message} */
    public byte[] value() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** {@return what {@code reader} makes of the serialized message, which it sees without a copy and must not change} */
    public <R> R read(BytesReader<R> reader) {
        return reader.read(array, offset, length);
    }

    /** {@return the size of the serialized message in bytes} */
    public int size() {
        return length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypedValue other && typeUrl.equals(other.typeUrl)
                && Arrays.equals(array, offset, offset + length, other.array, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return 31 * typeUrl.hashCode() + h;
    }

    @Override
    public String toString() {
        return "TypedValue[typeUrl=" + typeUrl + ", " + length + " bytes]";
    }
}
