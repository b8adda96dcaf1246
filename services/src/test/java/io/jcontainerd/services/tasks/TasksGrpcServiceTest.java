package io.jcontainerd.services.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import containerd.services.tasks.v1.TasksGrpc;
import containerd.services.tasks.v1.TasksOuterClass.WaitRequest;
import containerd.services.tasks.v1.TasksOuterClass.WaitResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.runtime.Exit;
import io.jcontainerd.services.grpc.InProcessGrpc;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Tasks API's gRPC edge in process, over a fake runtime. */
class TasksGrpcServiceTest {
    private final FakeContainers containers = new FakeContainers();
    private final FakeRuntime runtime = new FakeRuntime();

    @Test
    void aWaitEndsWithItsClientInsteadOfWaitingOnForTheProcess() throws Exception {
        containers.add("c1", FakeContainers.SPEC);
        FakeTask task = new FakeTask("c1");
        runtime.tasks.put("c1", task);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        task.exit = () -> {
            waiting.countDown();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(1));
                return new Exit(43, 0, Instant.EPOCH);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IllegalStateException("wait interrupted");
            }
        };
        CompletableFuture<Status> ended = new CompletableFuture<>();
        try (InProcessGrpc grpc = InProcessGrpc.serve(new TasksGrpcService(new TasksService(ns -> containers, runtime)))) {
            var tasks = TasksGrpc.newStub(grpc.channel()).withInterceptors(InProcessGrpc.namespace(FakeTask.NAMESPACE));
            Context.CancellableContext call = Context.current().withCancellation();
            call.run(() -> tasks.wait(WaitRequest.newBuilder().setContainerId("c1").build(), new StreamObserver<>() {
                @Override
                public void onNext(WaitResponse value) {
                    ended.completeExceptionally(new AssertionError("answered " + value));
                }

                @Override
                public void onError(Throwable t) {
                    ended.complete(t instanceof StatusRuntimeException e ? e.getStatus() : Status.fromThrowable(t));
                }

                @Override
                public void onCompleted() {
                }
            }));
            assertThat(waiting.await(10, TimeUnit.SECONDS)).as("the wait reached the task").isTrue();

            call.cancel(null); // the client goes away

            assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the server stopped waiting").isTrue();
            // CANCELLED, or the server's answer to the interrupt if that reaches the client first
            assertThat(ended.get(10, TimeUnit.SECONDS).getCode()).isIn(Status.Code.CANCELLED, Status.Code.UNKNOWN);
        }
    }
}
