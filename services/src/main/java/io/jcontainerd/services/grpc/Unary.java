package io.jcontainerd.services.grpc;

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
}
