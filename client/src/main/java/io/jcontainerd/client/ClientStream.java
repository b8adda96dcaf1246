package io.jcontainerd.client;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The client's end of a stream opened through the Streaming API ({@link StreamingClient#open}):
 * messages to the daemon with {@link #send}, from it with {@link #receive}. Closing ends the
 * client's side; the daemon ends its side when the call using the stream is done.
 */
public final class ClientStream implements AutoCloseable {
    /** What the inbox holds: a message, or the end of the daemon's side. */
    private sealed interface Inbound {
    }

    private record Received(Any message) implements Inbound {
    }

    private record Ended(Throwable cause) implements Inbound {
    }

    private final String id;
    private final LinkedBlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<Any> call;
    private boolean closed;

    ClientStream(String id) {
        this.id = id;
    }

    /** {@return the stream's name, what a request refers to it by} */
    public String id() {
        return id;
    }

    ClientResponseObserver<Any, Any> observer() {
        return new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Any> requestStream) {
                call = requestStream;
            }

            @Override
            public void onNext(Any value) {
                inbox.add(new Received(value));
            }

            @Override
            public void onError(Throwable t) {
                inbox.add(new Ended(t));
            }

            @Override
            public void onCompleted() {
                inbox.add(new Ended(null));
            }
        };
    }

    /** Sends {@code message} as an {@code Any} named by its bare full name, as containerd 2.x does. */
    public synchronized void send(Message message) {
        call.onNext(Any.newBuilder().setTypeUrl(message.getDescriptorForType().getFullName())
                .setValue(message.toByteString()).build());
    }

    /**
     * {@return the daemon's next message, waiting for it; empty once the daemon ended the stream}
     *
     * @throws ErrdefsException when the stream failed
     */
    public Optional<Any> receive() throws InterruptedException {
        Inbound next = inbox.take();
        // instanceof rather than a pattern switch, which spins a class at its first run: a pull's first ms
        if (next instanceof Received received) {
            return Optional.of(received.message());
        }
        inbox.add(next);
        Throwable cause = ((Ended) next).cause();
        if (cause == null) {
            return Optional.empty();
        }
        if (cause instanceof StatusRuntimeException e) {
            throw GrpcErrors.toErrdefs(e);
        }
        throw new ErrdefsException(ErrorKind.UNKNOWN, "stream " + id + ": " + cause.getMessage(), cause);
    }

    /** Ends the client's side; closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            call.onCompleted();
        }
    }

    /** Abandons the stream (both sides). */
    void cancel(String why) {
        call.cancel(why, null);
    }
}
