package io.jcontainerd.services.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.types.TypedValue;

/**
 * {@code Any} values as containerd 2.x's typeurl v2 writes them: the type URL is the message's bare
 * full name ({@code containerd.types.transfer.Progress}); {@code type.googleapis.com/<name>}, what
 * protobuf's own libraries write, is accepted too.
 */
public final class AnyMessages {
    private static final String GOOGLE_PREFIX = "type.googleapis.com/";

    private AnyMessages() {
    }

    public static TypedValue packForStream(Message message) {
        return new TypedValue(message.getDescriptorForType().getFullName(), message.toByteArray());
    }

    /** {@return the message's full name: the type URL without a {@code type.googleapis.com/} prefix} */
    private static String typeName(String typeUrl) {
        return typeUrl.startsWith(GOOGLE_PREFIX) ? typeUrl.substring(GOOGLE_PREFIX.length()) : typeUrl;
    }

    public static boolean is(String typeUrl, Message prototype) {
        return typeName(typeUrl).equals(prototype.getDescriptorForType().getFullName());
    }

    /**
     * {@return the value decoded as {@code prototype}'s type}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for another type or bytes that do not parse
     */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M unpack(String typeUrl, byte[] value, M prototype) {
        if (!is(typeUrl, prototype)) {
            throw Errdefs.invalidArgument("expected " + prototype.getDescriptorForType().getFullName() + ", got "
                    + Errdefs.quote(typeUrl));
        }
        try {
            return (M) prototype.getParserForType().parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw Errdefs.invalidArgument("malformed " + prototype.getDescriptorForType().getFullName() + ": " + e.getMessage());
        }
    }

    public static <M extends Message> M unpack(Any any, M prototype) {
        return unpack(any.getTypeUrl(), any.getValue().toByteArray(), prototype);
    }

    public static <M extends Message> M unpack(TypedValue message, M prototype) {
        return unpack(message.typeUrl(), message.value(), prototype);
    }
}
