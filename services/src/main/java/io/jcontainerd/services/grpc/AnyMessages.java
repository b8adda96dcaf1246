package io.jcontainerd.services.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.types.TypedValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * {@code Any} values as containerd 2.x's typeurl v2 writes them: the type URL is the message's bare
 * full name ({@code containerd.types.transfer.Progress}); {@code type.googleapis.com/<name>}, what
 * protobuf's own libraries write, is accepted too. Stream messages go between {@code Any} and
 * {@link TypedValue} without copying their bytes ({@link #typed}, {@link #any}, {@link #unpack(TypedValue, Message)}):
 * they carry image archives, and each copy of those cost as much as hashing them.
 */
public final class AnyMessages {
    private static final String GOOGLE_PREFIX = "type.googleapis.com/";

    private AnyMessages() {
    }

    public static TypedValue packForStream(Message message) {
        byte[] bytes = message.toByteArray();
        return TypedValue.handOver(message.getDescriptorForType().getFullName(), bytes, 0, bytes.length);
    }

    /**
     * {@return {@code any} as a typed value sharing its bytes}: a {@code ByteString} is immutable, so
     * its array is safe to hand over; only a value in pieces (not what parsing makes) is copied
     */
    public static TypedValue typed(Any any) {
        ByteString value = any.getValue();
        SingleArray single = new SingleArray();
        try {
            UnsafeByteOperations.unsafeWriteTo(value, single);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // SingleArray does not throw
        }
        if (single.pieces == 1 && single.array != null) {
            return TypedValue.handOver(any.getTypeUrl(), single.array, single.offset, single.length);
        }
        byte[] copy = value.toByteArray();
        return TypedValue.handOver(any.getTypeUrl(), copy, 0, copy.length);
    }

    /** {@return {@code value} as an {@code Any} sharing its bytes} */
    public static Any any(TypedValue value) {
        return Any.newBuilder().setTypeUrl(value.typeUrl()).setValue(value.read(UnsafeByteOperations::unsafeWrap)).build();
    }

    /** Sees a {@code ByteString}'s backing array when it has exactly one. */
    private static final class SingleArray extends ByteOutput {
        private byte[] array;
        private int offset;
        private int length;
        private int pieces;

        @Override
        public void writeLazy(byte[] value, int offset, int length) {
            if (++pieces == 1) {
                this.array = value;
                this.offset = offset;
                this.length = length;
            }
        }

        @Override
        public void write(byte value) {
            pieces++;
        }

        @Override
        public void write(byte[] value, int offset, int length) {
            pieces++;
        }

        @Override
        public void write(ByteBuffer value) {
            pieces++;
        }

        @Override
        public void writeLazy(ByteBuffer value) {
            pieces++;
        }
    }

    /** {@return the message's full name: the type URL without a {@code type.googleapis.com/} prefix} */
    private static String typeName(String typeUrl) {
        return typeUrl.startsWith(GOOGLE_PREFIX) ? typeUrl.substring(GOOGLE_PREFIX.length()) : typeUrl;
    }

    public static boolean is(String typeUrl, Message prototype) {
        return typeName(typeUrl).equals(prototype.getDescriptorForType().getFullName());
    }

    private static void requireType(String typeUrl, Message prototype) {
        if (!is(typeUrl, prototype)) {
            throw Errdefs.invalidArgument("expected " + prototype.getDescriptorForType().getFullName() + ", got "
                    + Errdefs.quote(typeUrl));
        }
    }

    /**
     * {@return the value decoded as {@code prototype}'s type}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for another type or bytes that do not parse
     */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M unpack(String typeUrl, byte[] value, M prototype) {
        requireType(typeUrl, prototype);
        try {
            return (M) prototype.getParserForType().parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw Errdefs.invalidArgument("malformed " + prototype.getDescriptorForType().getFullName() + ": " + e.getMessage());
        }
    }

    public static <M extends Message> M unpack(Any any, M prototype) {
        requireType(any.getTypeUrl(), prototype);
        return parseSharing(any.getValue(), prototype);
    }

    /** As {@link #unpack(String, byte[], Message)}; {@code bytes} fields of the result share the value's bytes. */
    public static <M extends Message> M unpack(TypedValue message, M prototype) {
        requireType(message.typeUrl(), prototype);
        return parseSharing(message.read(UnsafeByteOperations::unsafeWrap), prototype);
    }

    /** {@return {@code bytes} (immutable) parsed, its {@code bytes} fields aliasing it rather than copies} */
    @SuppressWarnings("unchecked")
    private static <M extends Message> M parseSharing(ByteString bytes, M prototype) {
        CodedInputStream input = bytes.newCodedInput();
        input.enableAliasing(true);
        try {
            return (M) prototype.getParserForType().parseFrom(input);
        } catch (InvalidProtocolBufferException e) {
            throw Errdefs.invalidArgument("malformed " + prototype.getDescriptorForType().getFullName() + ": " + e.getMessage());
        }
    }
}
