package io.jcontainerd.daemon.server;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;

/** A server call of {@code method} that goes nowhere; it remembers whether it was closed. */
final class FakeServerCall<Q, R> extends ServerCall<Q, R> {
    private final MethodDescriptor<Q, R> method;
    boolean closed;

    FakeServerCall(MethodDescriptor<Q, R> method) {
        this.method = method;
    }

    @Override
    public void request(int numMessages) {
    }

    @Override
    public void sendHeaders(Metadata headers) {
    }

    @Override
    public void sendMessage(R message) {
    }

    @Override
    public void close(Status status, Metadata trailers) {
        closed = true;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public Attributes getAttributes() {
        return Attributes.EMPTY;
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
        return method;
    }
}
