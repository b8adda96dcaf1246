package io.jcontainerd.services.grpc;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerInterceptor;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.namespaces.Namespaces;
import java.util.Optional;

/**
 * The namespace of the current call, from the {@code containerd-namespace} gRPC header. Install
 * {@link #interceptor()} on the server; namespaced services call {@link #required()}.
 */
public final class RequestNamespace {
    public static final Metadata.Key<String> HEADER =
            Metadata.Key.of("containerd-namespace", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> KEY = Context.key("containerd-namespace");

    private RequestNamespace() {
    }

    /** {@return the header's value for this call, if the client sent one} */
    public static Optional<String> current() {
        return Optional.ofNullable(KEY.get()).filter(s -> !s.isEmpty());
    }

    /**
     * {@return the validated namespace of this call}
     *
     * @throws ErrdefsException FAILED_PRECONDITION without one (containerd's "namespace is
     *                          required"), INVALID_ARGUMENT for a malformed one
     */
    public static String required() {
        return Namespaces.required(current().orElse(null));
    }

    public static ServerInterceptor interceptor() {
        return HeaderCapture.of(HEADER, KEY);
    }
}
