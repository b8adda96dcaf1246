package io.jcontainerd.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import containerd.services.content.v1.ContentGrpc;
import containerd.services.version.v1.VersionGrpc;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerServiceDefinition;
import io.jcontainerd.services.grpc.InlineMethods;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class CallPlacementTest {
    private final Executor blocking = Runnable::run;

    @Test
    void aDeclaredMethodStaysOnTheEventLoopAndEveryOtherMovesToTheBlockingExecutor() {
        CallPlacement placement = CallPlacement.of(List.of(new Declaring(), new Undeclared()), blocking);

        assertThat(placement.getExecutor(call(ContentGrpc.getInfoMethod()), new Metadata())).isNull();
        assertThat(placement.getExecutor(call(ContentGrpc.getWriteMethod()), new Metadata())).isSameAs(blocking);
        assertThat(placement.getExecutor(call(VersionGrpc.getVersionMethod()), new Metadata())).isSameAs(blocking);
    }

    /** Declares Content.Info only. */
    private static final class Declaring implements BindableService, InlineMethods {
        @Override
        public Set<String> inlineMethods() {
            return Set.of(ContentGrpc.getInfoMethod().getFullMethodName());
        }

        @Override
        public ServerServiceDefinition bindService() {
            throw new UnsupportedOperationException("not served in this test");
        }
    }

    /** A service that declares nothing: all its calls block. */
    private static final class Undeclared implements BindableService {
        @Override
        public ServerServiceDefinition bindService() {
            throw new UnsupportedOperationException("not served in this test");
        }
    }

    private static <Q, R> ServerCall<Q, R> call(MethodDescriptor<Q, R> method) {
        return new FakeServerCall<>(method);
    }
}
