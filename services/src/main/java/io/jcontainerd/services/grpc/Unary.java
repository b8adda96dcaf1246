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
        CancellableBody cancellable = new CancellableBody(Thread.currentThread());
        Context context = Context.current();
        context.addListener(cancellable, Runnable::run);
        try {
            reply(observer, body);
        } finally {
            context.removeListener(cancellable);
            cancellable.finish();
        }
    }

    /**
     * Interrupts the body's thread until the body has finished: a context hands its listeners a
     * cancellation outside its lock, so one may arrive after it was removed, and must then not
     * reach whatever the thread runs next.
     */
    private static final class CancellableBody implements Context.CancellationListener {
        private final Thread worker;
        private boolean finished;

        CancellableBody(Thread worker) {
            this.worker = worker;
        }

        @Override
        public synchronized void cancelled(Context context) {
            if (!finished) {
                worker.interrupt();
            }
        }

        synchronized void finish() {
            finished = true;
            Thread.interrupted(); // a cancellation that came as the body ended
        }
    }
}
