package io.jcontainerd.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Deadline;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives each call the client's timeout. When that deadline is what ended the call, the status is
 * reworded to Go's {@code context deadline exceeded}, the text containerd clients print, instead
 * of grpc-java's timing diagnostics.
 */
final class DeadlineInterceptor implements ClientInterceptor {
    private static final String GO_DEADLINE_TEXT = "context deadline exceeded";

    private final long timeoutNanos;

    DeadlineInterceptor(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        Deadline deadline = Deadline.after(timeoutNanos, TimeUnit.NANOSECONDS);
        return new SimpleForwardingClientCall<>(next.newCall(method, options.withDeadline(deadline))) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        boolean ours = status.getCode() == Status.Code.DEADLINE_EXCEEDED && deadline.isExpired();
                        super.onClose(ours ? Status.DEADLINE_EXCEEDED.withDescription(GO_DEADLINE_TEXT) : status,
                                trailers);
                    }
                }, headers);
            }
        };
    }
}
