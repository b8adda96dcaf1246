package io.jcontainerd.services.grpc;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerInterceptor;
import java.util.Optional;

/**
 * The lease of the current call, from the {@code containerd-lease} gRPC header that clients send
 * to have what a call creates held by a lease (ctr's pulls and imports do). Install
 * {@link #interceptor()} on the server beside {@link RequestNamespace#interceptor()}.
 */
public final class RequestLease {
    public static final Metadata.Key<String> HEADER = Metadata.Key.of("containerd-lease", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> KEY = Context.key("containerd-lease");

    private RequestLease() {
    }

    /** {@return the lease this call runs under, if the client sent one} */
    public static Optional<String> current() {
        return Optional.ofNullable(KEY.get()).filter(s -> !s.isEmpty());
    }

    public static ServerInterceptor interceptor() {
        return HeaderCapture.of(HEADER, KEY);
    }
}
