package io.jcontainerd.daemon.server;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether clients keep the server busy, so that background work can wait for a lull: a unary
 * call is busy from its start to its end; a stream only when a message comes in or the call
 * starts or ends (an events subscription may stay open, idle, for the daemon's whole life). A
 * call's end is its listener's {@code onComplete} or {@code onCancel}, one of which follows every
 * close.
 */
public final class CallActivity implements ServerInterceptor {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final AtomicInteger unaryInFlight = new AtomicInteger();
    private volatile long lastActivity = System.nanoTime();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        boolean unary = call.getMethodDescriptor().getType() == MethodType.UNARY;
        touch();
        if (unary) {
            unaryInFlight.incrementAndGet();
        }
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(call, headers);
        } catch (RuntimeException | Error e) {
            ended(unary);
            throw e;
        }
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                touch();
                super.onMessage(message);
            }

            @Override
            public void onComplete() {
                ended(unary);
                super.onComplete();
            }

            @Override
            public void onCancel() {
                ended(unary);
                super.onCancel();
            }
        };
    }

    /** Blocks until no unary call is running and nothing has happened for {@code quiet}. */
    public void awaitQuiet(Duration quiet) throws InterruptedException {
        long quietNanos = quiet.toNanos();
        while (true) {
            long idleFor = System.nanoTime() - lastActivity;
            if (unaryInFlight.get() == 0 && idleFor >= quietNanos) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(quietNanos - idleFor, POLL_NANOS));
        }
    }

    private void ended(boolean unary) {
        if (unary) {
            unaryInFlight.decrementAndGet();
        }
        touch();
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }
}
