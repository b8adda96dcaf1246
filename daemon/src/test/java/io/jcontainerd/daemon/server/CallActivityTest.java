package io.jcontainerd.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import containerd.services.events.v1.EventsGrpc;
import containerd.services.version.v1.VersionGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallActivityTest {
    private static final Duration QUIET = Duration.ofMillis(50);

    private final CallActivity activity = new CallActivity();

    @Test
    void aRunningUnaryCallKeepsTheServerBusyUntilItEndsAndAQuietSpellFollows() throws Exception {
        FakeServerCall<?, ?> call = new FakeServerCall<>(VersionGrpc.getVersionMethod());
        ServerCall.Listener<?> listener = start(call);
        CompletableFuture<Void> quiet = CompletableFuture.runAsync(this::awaitQuiet);

        Thread.sleep(QUIET.toMillis() * 4);
        assertThat(quiet).as("quiet while a unary call runs").isNotDone();

        long ended = System.nanoTime();
        listener.onComplete();
        quiet.get(5, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - ended).as("waited for the quiet spell after the end").isGreaterThanOrEqualTo(QUIET.toNanos());
        assertThat(call.closed).as("the handler's close reached the call").isTrue();
    }

    @Test
    void anOpenStreamThatCarriesNothingDoesNotKeepTheServerBusy() throws Exception {
        start(new FakeServerCall<>(EventsGrpc.getSubscribeMethod()));

        CompletableFuture.runAsync(this::awaitQuiet).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aCancelledUnaryCallEndsToo() throws Exception {
        start(new FakeServerCall<>(VersionGrpc.getVersionMethod())).onCancel();

        CompletableFuture.runAsync(this::awaitQuiet).get(5, TimeUnit.SECONDS);
    }

    private <Q, R> ServerCall.Listener<Q> start(FakeServerCall<Q, R> call) {
        return activity.interceptCall(call, new Metadata(), (c, headers) -> {
            c.close(Status.OK, new Metadata());
            return new ServerCall.Listener<>() { };
        });
    }

    private void awaitQuiet() {
        try {
            activity.awaitQuiet(QUIET);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
