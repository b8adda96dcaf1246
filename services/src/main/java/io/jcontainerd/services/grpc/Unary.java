package io.jcontainerd.services.grpc;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Callable;

/** Completes a unary call: one response, or the error mapped once through {@link GrpcErrors}. */
public final class Unary {
    private Unary() {
    }

    public static <T> void reply(StreamObserver<T> observer, Callable<T> body) {
        T response;
        try {
            response = body.call();
        } catch (Exception | Error e) {
            observer.onError(GrpcErrors.toException(e));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    /**
     * As {@link #reply}, for long work (a pull) that stops with its client, as upstream's stops with
     * its request's context: the body's thread is interrupted as soon as the client cancels the
     * call or goes away. An {@code onCancelHandler} would run only after the body returned.
     */
    public static <T> void replyUntilCancelled(StreamObserver<T> observer, Callable<T> body) {
        Thread worker = Thread.currentThread();
        Context.CancellationListener interrupt = cancelled -> worker.interrupt();
        Context context = Context.current();
        context.addListener(interrupt, Runnable::run);
        try {
            reply(observer, body);
        } finally {
            context.removeListener(interrupt);
            Thread.interrupted(); // a cancellation that came as the body ended
        }
    }
}
