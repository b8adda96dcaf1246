package io.jcontainerd.services.streaming;

import com.google.protobuf.Any;
import io.grpc.stub.ServerCallStreamObserver;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.services.grpc.AnyMessages;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A Streaming API call as a {@link Stream}: {@link #send} writes to the client, {@link #recv}
 * takes what the call's listener {@link #deliver delivered}; closing completes the call. Messages
 * keep the bytes gRPC parsed (no copies: they carry image archives). At most {@link #WINDOW}
 * messages are asked of the client ahead of what {@link #recv} has taken (the call's automatic
 * requests are off), so the inbox stays bounded.
 */
final class GrpcStream implements Stream {
    /** What the inbox holds: a message, or the end of the client's side. */
    private sealed interface Inbound {
    }

    private record Received(TypedValue message) implements Inbound {
    }

    private record Ended(Throwable cause) implements Inbound {
    }

    /** Messages requested ahead: 16 MiB of 1 MiB archive chunks. */
    static final int WINDOW = 16;

    private final ServerCallStreamObserver<Any> call;
    private final LinkedBlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private boolean closed;

    /** {@code call} has automatic requests off; the stream asks for its first {@link #WINDOW} messages. */
    GrpcStream(ServerCallStreamObserver<Any> call) {
        this.call = call;
        call.request(WINDOW);
    }

    @Override
    public synchronized void send(TypedValue message) throws IOException {
        if (closed || call.isCancelled()) {
            throw new IOException("stream closed");
        }
        try {
            call.onNext(AnyMessages.any(message));
        } catch (RuntimeException e) {
            throw new IOException("stream send failed: " + e.getMessage(), e);
        }
    }

    @Override
    public TypedValue recv() throws IOException, InterruptedException {
        Inbound next = inbox.take();
        return switch (next) {
            case Received(TypedValue message) -> {
                call.request(1); // request is safe from any thread
                yield message;
            }
            case Ended(Throwable cause) -> {
                inbox.add(next); // every later recv ends the same way
                if (cause == null) {
                    throw new EOFException("stream closed by the client");
                }
                throw new IOException("stream failed: " + cause.getMessage(), cause);
            }
        };
    }

    void deliver(Any message) {
        inbox.add(new Received(AnyMessages.typed(message)));
    }

    /** The client finished sending ({@code cause} null) or went away. */
    void end(Throwable cause) {
        inbox.add(new Ended(cause));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!call.isCancelled()) {
            try {
                call.onCompleted();
            } catch (IllegalStateException e) {
                // the call already ended
            }
        }
    }
}
