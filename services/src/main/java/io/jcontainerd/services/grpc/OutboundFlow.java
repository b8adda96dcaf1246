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

    /**
     * How much may wait in the transport before the handler is held back: a few messages of a
     * blob read, so the next is ready when the socket drains (gRPC's default, 32 KiB, is less than
     * one 1 MiB message and made every read wait a round trip).
     */
    private static final int READY_THRESHOLD_BYTES = 4 << 20;

    public OutboundFlow(StreamObserver<?> observer) {
        this.call = (ServerCallStreamObserver<?>) observer;
        call.setOnReadyHandler(readiness::release);
        call.setOnReadyThreshold(READY_THRESHOLD_BYTES);
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
