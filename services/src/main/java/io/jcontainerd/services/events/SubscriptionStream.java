package io.jcontainerd.services.events;

import containerd.services.events.v1.EventsOuterClass.Envelope;
import io.grpc.stub.ServerCallStreamObserver;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.events.EventEnvelope;
import io.jcontainerd.core.events.Subscription;
import io.jcontainerd.services.grpc.GrpcErrors;
import java.util.Optional;

/**
 * Sends one subscription's events down a Subscribe stream on its own virtual thread, taking the
 * next event only when gRPC flow control says the client can take it: a slow client leaves events
 * in the subscription's bounded queue instead of an unbounded transport buffer. Ends when the
 * client cancels (closing the subscription) or the subscription fails (sent as the call's status).
 */
final class SubscriptionStream implements Runnable {
    private final Subscription subscription;
    private final ServerCallStreamObserver<Envelope> call;
    private boolean cancelled;

    private SubscriptionStream(Subscription subscription, ServerCallStreamObserver<Envelope> call) {
        this.subscription = subscription;
        this.call = call;
    }

    /** Starts streaming; must be called from the Subscribe handler, before it returns. */
    static void start(Subscription subscription, ServerCallStreamObserver<Envelope> call) {
        SubscriptionStream stream = new SubscriptionStream(subscription, call);
        call.setOnCancelHandler(stream::cancel);
        call.setOnReadyHandler(stream::wake);
        Thread.ofVirtual().name("events-subscribe").start(stream);
    }

    @Override
    public void run() {
        try (subscription) {
            while (awaitReady()) {
                Optional<EventEnvelope> next = subscription.next();
                if (next.isEmpty()) {
                    return; // closed by cancel()
                }
                call.onNext(EventProtos.toProto(next.get()));
            }
        } catch (ErrdefsException e) {
            call.onError(GrpcErrors.toException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the transport can take a message; false once the call is cancelled. */
    private synchronized boolean awaitReady() throws InterruptedException {
        while (!cancelled && !call.isReady()) {
            wait();
        }
        return !cancelled;
    }

    private synchronized void wake() {
        notifyAll();
    }

    private void cancel() {
        synchronized (this) {
            cancelled = true;
            notifyAll();
        }
        subscription.close();
    }
}
