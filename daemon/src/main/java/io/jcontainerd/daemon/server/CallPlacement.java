package io.jcontainerd.daemon.server;

import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.jcontainerd.services.grpc.InlineMethods;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Where each call runs. The server's own executor is direct, so a call starts on the event loop
 * that read it; every method a service has not declared {@linkplain InlineMethods inline} moves
 * from there to {@code blocking} (a virtual thread per call) before any of its code runs.
 */
final class CallPlacement implements ServerCallExecutorSupplier {
    private final Set<String> inline;
    private final Executor blocking;

    CallPlacement(Set<String> inline, Executor blocking) {
        this.inline = Set.copyOf(inline);
        this.blocking = blocking;
    }

    static CallPlacement of(List<BindableService> services, Executor blocking) {
        Set<String> inline = new HashSet<>();
        for (BindableService service : services) {
            if (service instanceof InlineMethods declared) {
                inline.addAll(declared.inlineMethods());
            }
        }
        return new CallPlacement(inline, blocking);
    }

    /** {@return null (stay on the event loop) for an inline method, else the blocking executor} */
    @Override
    public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
        return inline.contains(call.getMethodDescriptor().getFullMethodName()) ? null : blocking;
    }
}
