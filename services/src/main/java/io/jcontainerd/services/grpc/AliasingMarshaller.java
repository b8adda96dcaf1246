package io.jcontainerd.services.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses a request into one array that its {@code bytes} fields then point into, instead of the
 * stock marshaller's two copies (into a thread-local buffer, then into each field): for content
 * Write's 1 MiB messages the copies and the garbage cost more than the bytes' trip to the file.
 * The array is the message's own; nothing else writes it. Responses are serialised as usual.
 */
public final class AliasingMarshaller<T extends Message> implements MethodDescriptor.Marshaller<T> {
    private final Parser<T> parser;
    private final MethodDescriptor.Marshaller<T> standard;

    private AliasingMarshaller(Parser<T> parser, MethodDescriptor.Marshaller<T> standard) {
        this.parser = parser;
        this.standard = standard;
    }

    /** {@return {@code service} with {@code method}'s requests parsed by an aliasing marshaller} */
    @SuppressWarnings("unchecked")
    public static <Q extends Message, R> ServerServiceDefinition aliasingRequests(
            ServerServiceDefinition service, MethodDescriptor<Q, R> method, Parser<Q> parser) {
        MethodDescriptor<Q, R> aliasing = method.toBuilder(
                new AliasingMarshaller<>(parser, method.getRequestMarshaller()), method.getResponseMarshaller()).build();
        ServiceDescriptor original = service.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        for (MethodDescriptor<?, ?> m : original.getMethods()) {
            descriptor.addMethod(replaced(m, method) ? aliasing : m);
        }
        ServerServiceDefinition.Builder rebound = ServerServiceDefinition.builder(descriptor.build());
        for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
            if (replaced(m.getMethodDescriptor(), method)) {
                rebound.addMethod(aliasing, ((ServerMethodDefinition<Q, R>) m).getServerCallHandler());
            } else {
                rebound.addMethod(m);
            }
        }
        return rebound.build();
    }

    private static boolean replaced(MethodDescriptor<?, ?> candidate, MethodDescriptor<?, ?> method) {
        return candidate.getFullMethodName().equals(method.getFullMethodName());
    }

    @Override
    public InputStream stream(T value) {
        return standard.stream(value);
    }

    @Override
    public T parse(InputStream stream) {
        try {
            byte[] message;
            if (stream instanceof KnownLength) {
                // straight into an array of the message's size (readNBytes(int) would gather and copy)
                message = new byte[stream.available()];
                if (stream.readNBytes(message, 0, message.length) != message.length) {
                    throw new IOException("request shorter than its announced length");
                }
            } else {
                message = stream.readAllBytes();
            }
            // a CodedInputStream over an immutable wrap may alias: bytes fields become views of the array
            CodedInputStream in = UnsafeByteOperations.unsafeWrap(message).newCodedInput();
            in.enableAliasing(true);
            return parser.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw Status.INTERNAL.withDescription("Invalid protobuf byte sequence").withCause(e).asRuntimeException();
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("cannot read request: " + e.getMessage()).withCause(e)
                    .asRuntimeException();
        }
    }
}
