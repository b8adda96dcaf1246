package io.jcontainerd.ttrpc;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.jcontainerd.api.ttrpc.Request;
import io.jcontainerd.api.ttrpc.Response;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ttrpc connection to one server. Thread-safe: concurrent calls share the socket, each on its
 * own odd stream id (1, 3, 5, ...), and a reader thread routes every answer to its caller.
 *
 * <p>A dedicated writer thread does all socket writes, so that interrupting a caller cannot close
 * the shared socket (NIO closes an interruptible channel when a thread blocked on it is
 * interrupted).
 */
public final class TtrpcClient implements Closeable {
    private static final System.Logger LOG = System.getLogger(TtrpcClient.class.getName());

    private record Outgoing(int streamId, byte[] request) {
    }

    private final FrameChannel channel;
    private final AtomicInteger nextStreamId = new AtomicInteger(1);
    private final PendingCalls pending = new PendingCalls();
    private final BlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
    private final Thread reader = Thread.ofVirtual().name("ttrpc-client-reader").unstarted(this::readLoop);
    private final Thread writer = Thread.ofVirtual().name("ttrpc-client-writer").unstarted(this::writeLoop);

    private final Runnable onClose;
    private final AtomicBoolean ended = new AtomicBoolean();

    private TtrpcClient(FrameChannel channel, Runnable onClose) {
        this.channel = channel;
        this.onClose = onClose;
    }

    /** Connects to the server listening at {@code socketPath}. */
    public static TtrpcClient connect(Path socketPath) throws IOException {
        return connect(socketPath, () -> { });
    }

    /**
     * Connects to the server listening at {@code socketPath}; {@code onClose} runs once when the
     * connection ends, whether the peer hung up or {@link #close} was called (as Go ttrpc's
     * {@code WithOnClose}), on the thread that noticed.
     */
    public static TtrpcClient connect(Path socketPath, Runnable onClose) throws IOException {
        TtrpcClient client = new TtrpcClient(
                new FrameChannel(SocketChannel.open(UnixDomainSocketAddress.of(socketPath))), onClose);
        client.reader.start();
        client.writer.start();
        return client;
    }

    /** Calls {@code service/method} without metadata, waiting as long as it takes. */
    public <T extends Message> T call(String service, String method, Message request, Parser<T> responseParser)
            throws IOException {
        return call(service, method, request, responseParser, Map.of(), null);
    }

    /**
     * Calls {@code service/method} and waits at most {@code timeout}, which the server also learns.
     *
     * @param metadata values per key, sent one pair per value
     * @param timeout how long to wait, positive; null waits as long as it takes
     * @throws TtrpcStatusException if the server answered with a non-OK status, or with {@code
     *     DEADLINE_EXCEEDED} when {@code timeout} passed first
     * @throws TtrpcClosedException if the connection is gone
     */
    public <T extends Message> T call(String service, String method, Message request, Parser<T> responseParser,
            Map<String, List<String>> metadata, Duration timeout) throws IOException {
        Request.Builder envelope = Request.newBuilder()
                .setService(service)
                .setMethod(method)
                .setPayload(request.toByteString())
                .addAllMetadata(new Metadata(metadata).toPairs());
        if (timeout != null) {
            if (!timeout.isPositive()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            envelope.setTimeoutNano(timeout.toNanos());
        }
        Response response = exchange(envelope.build(), timeout);
        if (response.hasStatus() && response.getStatus().getCode() != StatusCodes.OK) {
            throw TtrpcStatusException.of(response.getStatus());
        }
        return responseParser.parseFrom(response.getPayload());
    }

    /** Closes the connection; calls still waiting fail with {@link TtrpcClosedException}. */
    @Override
    public void close() throws IOException {
        shutDown(null);
        try {
            reader.join();
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("ttrpc: interrupted while closing");
        }
    }

    private Response exchange(Request request, Duration timeout) throws IOException {
        int streamId = nextStreamId.getAndAdd(2);
        CompletableFuture<Received> answer = pending.open(streamId);
        outgoing.add(new Outgoing(streamId, request.toByteArray()));
        Received received;
        try {
            received = timeout == null ? answer.get() : answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.forget(streamId);
            // what a Go caller sees when its context expires
            throw new TtrpcStatusException(StatusCodes.DEADLINE_EXCEEDED, "context deadline exceeded");
        } catch (InterruptedException e) {
            pending.forget(streamId);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("ttrpc: interrupted waiting for " + request.getService() + "/" + request.getMethod());
        } catch (ExecutionException e) {
            // PendingCalls fails calls only with TtrpcClosedException; a fresh one gets this stack
            throw new TtrpcClosedException(e.getCause().getCause());
        }
        return switch (received) {
            case Received.Oversized oversized ->
                    throw new TtrpcStatusException(StatusCodes.RESOURCE_EXHAUSTED, oversized.message());
            case Received.Frame frame when frame.header().type() != FrameHeader.TYPE_RESPONSE ->
                    throw new IOException("ttrpc: unknown message type " + frame.header().type() + " received");
            case Received.Frame frame -> Response.parseFrom(frame.payload());
        };
    }

    private void readLoop() {
        try {
            while (true) {
                pending.answer(channel.receive());
            }
        } catch (IOException | RuntimeException | Error e) {
            // peer hung up or close() closed the socket; either way nothing more will arrive
            shutDown(e);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                Outgoing next = outgoing.take();
                channel.send(next.streamId(), FrameHeader.TYPE_REQUEST, next.request());
            }
        } catch (InterruptedException e) {
            // shutDown() stops the writer
        } catch (IOException | RuntimeException | Error e) {
            shutDown(e);
        }
    }

    /** Ends the connection for everyone: {@code cause} is why, null for a local close. */
    private void shutDown(Throwable cause) {
        pending.close(cause);
        writer.interrupt();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "ttrpc: closing client socket", e);
        }
        if (ended.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}
