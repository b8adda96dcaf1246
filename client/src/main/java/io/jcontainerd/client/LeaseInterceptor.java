package io.jcontainerd.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Sends the lease the calling thread works under as the {@code containerd-lease} header, as Go
 * clients carry it in their context: the daemon adds what such a call creates (blobs, ingests,
 * snapshots) to that lease. The lease is read when the call is made, on the caller's thread.
 */
final class LeaseInterceptor implements ClientInterceptor {
    static final Metadata.Key<String> HEADER = Metadata.Key.of("containerd-lease", Metadata.ASCII_STRING_MARSHALLER);

    /** The lease of the work running in this scope; unbound outside {@link ContainerdClient#withLease}. */
    static final ScopedValue<String> CURRENT = ScopedValue.newInstance();

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        ClientCall<Q, R> call = next.newCall(method, options);
        if (!CURRENT.isBound()) {
            return call;
        }
        String lease = CURRENT.get();
        return new SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(HEADER, lease);
                super.start(listener, headers);
            }
        };
    }
}
