package io.jcontainerd.services.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Holds a server-streaming handler back until the client can take more, so a large response
 * (a blob being read) is not buffered whole in memory. Create it before the first message.
 */
public final class OutboundFlow {
    private static final long RECHECK_MILLIS = 100;

    private final ServerCallStreamObserver<?> call;
    private final Semaphore readiness = new Semaphore(0);

    public OutboundFlow(StreamObserver<?> observer) {
        this.call = (ServerCallStreamObserver<?>) observer;
        call.setOnReadyHandler(readiness::release);
    }

    /** Waits until the transport accepts another message; the call's handler runs on a virtual thread. */
    public void awaitReady() throws InterruptedException {
        while (!call.isReady()) {
            if (call.isCancelled()) {
                throw new CancellationException("client went away");
            }
            readiness.tryAcquire(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
