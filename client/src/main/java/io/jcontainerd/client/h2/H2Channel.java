package io.jcontainerd.client.h2;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;

/** The gRPC {@link Channel} over one {@link H2Connection}: every call is a stream on it. */
public final class H2Channel extends Channel {
    private final H2Connection connection;

    public H2Channel(H2Connection connection) {
        this.connection = connection;
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return new H2Call<>(connection, method, options);
    }

    @Override
    public String authority() {
        return "localhost";
    }
}
