package io.jcontainerd.client.h2;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.InternalStatus;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.internal.GrpcUtil;
import io.grpc.internal.SerializingExecutor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC call on one HTTP/2 stream. The reader thread feeds it frames; its listener hears of
 * headers, messages and the close in that order and never two at once, on the call's executor
 * (the stub's, or the thread that delivers). Received bytes go back to the server's window as
 * they arrive while less than a window of whole messages waits for the listener, and once it
 * takes them otherwise: a slow reader holds the server back instead of filling memory, and a
 * message larger than the window still arrives.
 */
final class H2Call<Q, R> extends ClientCall<Q, R> {
    /** {@link #isReady} while less than this is queued to send (grpc-java's threshold: 32 KiB is its default; a CLI sends in MiBs). */
    static final int READY_BYTES = 1 << 20;
    /** containerd's default maximum message size (16 MiB) instead of grpc-java's 4 MiB. */
    static final int MAX_MESSAGE_BYTES = 16 << 20;
    private static final int PREFIX_BYTES = 5;

    private final H2Connection connection;
    private final MethodDescriptor<Q, R> method;
    private final CallOptions options;
    private final Executor executor;
    private final Context context;
    private volatile Listener<R> listener;
    private Deadline deadline;
    private ScheduledFuture<?> deadlineTimer;
    private final Context.CancellationListener onContextCancelled =
            cancelled -> endLocally(statusOf(cancelled), Frame.CANCEL);

    // Sending side, guarded by the connection's write lock.
    int streamId;
    long sendWindow;
    final ArrayDeque<ByteBuffer> outbound = new ArrayDeque<>();
    long outboundBytes;
    boolean halfClosed;
    boolean endSent;
    /** Forgotten by the connection: nothing more is sent. */
    boolean finished;
    volatile boolean remoteEnded;

    // Receiving side, guarded by this.
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final byte[] prefix = new byte[PREFIX_BYTES];
    private int prefixFilled;
    private byte[] message;
    private int messageFilled;
    private int requested;
    private boolean ending;
    private boolean headersSeen;
    /** Bytes of complete messages the listener has not taken yet. */
    private long undelivered;
    /** Bytes received while {@link #undelivered} was a window or more: credited once the listener catches up. */
    private int owed;
    /** Bytes to credit, sent in batches of half a window. */
    private int uncredited;

    private sealed interface Event {
    }

    private record Headers(Metadata headers) implements Event {
    }

    private record Message(byte[] bytes) implements Event {
    }

    private record Close(Status status, Metadata trailers) implements Event {
    }

    H2Call(H2Connection connection, MethodDescriptor<Q, R> method, CallOptions options) {
        this.connection = connection;
        this.method = method;
        this.options = options;
        Executor given = options.getExecutor();
        this.executor = new SerializingExecutor(given != null ? given : Runnable::run);
        this.context = Context.current();
    }

    @Override
    public void start(Listener<R> listener, Metadata headers) {
        this.listener = listener;
        synchronized (this) {
            if (ending) { // cancelled before it started: the listener hears only that
                executor.execute(this::deliver);
                return;
            }
        }
        deadline = earliest(options.getDeadline(), context.getDeadline());
        if (context.isCancelled()) {
            endLocally(statusOf(context), Frame.CANCEL);
            return;
        }
        if (deadline != null && deadline.isExpired()) {
            endLocally(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded before the call started"), Frame.CANCEL);
            return;
        }
        headers.discardAll(GrpcUtil.TIMEOUT_KEY);
        if (deadline != null) {
            headers.put(GrpcUtil.TIMEOUT_KEY, deadline.timeRemaining(TimeUnit.NANOSECONDS)); // as grpc-java's calls do
        }
        Status refused = connection.open(this, HeaderBlocks.request("/" + method.getFullMethodName(), headers));
        if (refused != null) {
            endLocally(refused, Frame.CANCEL);
            return;
        }
        if (deadline != null) {
            long nanos = deadline.timeRemaining(TimeUnit.NANOSECONDS);
            Status expired = Status.DEADLINE_EXCEEDED.withDescription(
                    String.format(Locale.ROOT, "deadline exceeded after %.9fs", nanos / 1e9));
            try {
                deadlineTimer = connection.timers().schedule(() -> endLocally(expired, Frame.CANCEL), nanos,
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                endLocally(Status.UNAVAILABLE.withDescription("connection closed").withCause(e), H2Connection.NO_RESET);
                return;
            }
        }
        context.addListener(onContextCancelled, Runnable::run);
        synchronized (this) {
            if (ending) {
                closed(); // ended while the timer and the context listener were being set up
                return;
            }
        }
        becameReady();
    }

    @Override
    public void request(int count) {
        synchronized (this) {
            requested = (int) Math.min((long) requested + count, Integer.MAX_VALUE);
        }
        executor.execute(this::deliver);
    }

    @Override
    public void cancel(String why, Throwable cause) {
        Status status = Status.CANCELLED.withDescription(why != null ? why : "call cancelled without message");
        endLocally(cause != null ? status.withCause(cause) : status, Frame.CANCEL);
    }

    @Override
    public void halfClose() {
        connection.halfClose(this);
    }

    @Override
    public void sendMessage(Q request) {
        byte[] body;
        try (InputStream in = method.streamRequest(request)) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer framed = ByteBuffer.allocate(PREFIX_BYTES + body.length);
        framed.put((byte) 0).putInt(body.length).put(body).flip();
        connection.send(this, framed);
    }

    @Override
    public boolean isReady() {
        return connection.isReady(this);
    }

    /** Tells the listener it may send more (its queue drained below {@link #READY_BYTES}). */
    void becameReady() {
        executor.execute(() -> {
            if (!closedForListener()) {
                listener.onReady();
            }
        });
    }

    /** Reader thread: {@code length} bytes of a DATA frame at {@code offset}, {@code padding} more already spent. */
    void received(byte[] data, int offset, int length, int padding, boolean endOfStream) {
        Status failure = null;
        int credit;
        synchronized (this) {
            if (ending) {
                return;
            }
            int at = offset;
            int end = offset + length;
            while (at < end && failure == null) {
                if (message == null) {
                    int n = Math.min(PREFIX_BYTES - prefixFilled, end - at);
                    System.arraycopy(data, at, prefix, prefixFilled, n);
                    prefixFilled += n;
                    at += n;
                    if (prefixFilled == PREFIX_BYTES) {
                        failure = startMessage();
                    }
                } else {
                    int n = Math.min(message.length - messageFilled, end - at);
                    System.arraycopy(data, at, message, messageFilled, n);
                    messageFilled += n;
                    at += n;
                }
                if (message != null && messageFilled == message.length) {
                    events.add(new Message(message));
                    undelivered += PREFIX_BYTES + message.length;
                    message = null;
                    prefixFilled = 0;
                }
            }
            if (undelivered < H2Connection.STREAM_WINDOW) {
                uncredited += length + padding;
            } else {
                owed += length + padding;
            }
            credit = takeCredit();
        }
        if (credit > 0) {
            connection.credit(streamId, credit);
        }
        if (failure == null && endOfStream) {
            remoteEnded = true;
            failure = Status.INTERNAL.withDescription("the server ended the stream without trailers");
        }
        if (failure != null) {
            endLocally(failure, Frame.CANCEL);
        } else {
            executor.execute(this::deliver);
        }
    }

    /** {@return the bytes to credit now, if half a window has gathered}; holds this */
    private int takeCredit() {
        if (ending || uncredited < H2Connection.STREAM_WINDOW / 2) {
            return 0;
        }
        int credit = uncredited;
        uncredited = 0;
        return credit;
    }

    /** Reader thread: response headers, or trailers when they end the stream. */
    void headersReceived(HeaderBlocks.Decoded block, boolean endOfStream) {
        if (!endOfStream) {
            if (!"200".equals(block.httpStatus())) {
                endLocally(httpFailure(block.httpStatus()), Frame.CANCEL);
                return;
            }
            synchronized (this) {
                if (ending || headersSeen) {
                    return;
                }
                headersSeen = true;
                events.add(new Headers(block.metadata()));
            }
            executor.execute(this::deliver);
            return;
        }
        remoteEnded = true;
        Metadata trailers = block.metadata();
        Status status = trailers.get(InternalStatus.CODE_KEY);
        if (status == null) {
            boolean trailersOnly = !headersSeen;
            status = trailersOnly && block.httpStatus() != null && !"200".equals(block.httpStatus())
                    ? httpFailure(block.httpStatus())
                    : Status.UNKNOWN.withDescription("missing GRPC status in response");
        } else {
            String text = trailers.get(InternalStatus.MESSAGE_KEY);
            status = text != null ? status.withDescription(text) : status;
        }
        trailers.discardAll(InternalStatus.CODE_KEY);
        trailers.discardAll(InternalStatus.MESSAGE_KEY);
        synchronized (this) {
            if (ending) {
                return;
            }
            ending = true;
            if (message != null || prefixFilled > 0) {
                events.removeIf(event -> event instanceof Message);
                status = Status.INTERNAL.withDescription("the server ended the stream inside a message");
                trailers = new Metadata();
            }
            events.add(new Close(status, trailers)); // after the messages already received
        }
        connection.finish(this, Frame.NO_ERROR);
        executor.execute(this::deliver);
    }

    /** Reader thread: the server reset the stream. */
    void resetByServer(int errorCode) {
        remoteEnded = true;
        Status status = GrpcUtil.Http2Error.statusForCode(errorCode);
        if (status.getCode() == Status.Code.CANCELLED && deadline != null && deadline.isExpired()) {
            // the server gave up at the deadline we sent it, a moment before our own timer
            status = Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded (the server cancelled the call)");
        }
        endLocally(status.augmentDescription("stream reset by the server with code " + errorCode), H2Connection.NO_RESET);
    }

    /** The connection ended, or will never carry this stream. */
    void transportFailed(Status status) {
        endLocally(status, H2Connection.NO_RESET);
    }

    /**
     * Ends the call from this side: undelivered messages are dropped, the server is told with
     * {@code resetCode} (or {@link H2Connection#NO_RESET}) and the listener closes with {@code status}.
     */
    private void endLocally(Status status, int resetCode) {
        synchronized (this) {
            if (ending) {
                return;
            }
            ending = true;
            events.removeIf(event -> event instanceof Message);
            events.add(new Close(status, new Metadata()));
        }
        executor.execute(this::deliver); // first: telling the server can wait on a stuck write
        connection.finish(this, resetCode);
    }

    /** Hands the listener what it may have now; runs on the call's serializing executor. */
    private void deliver() {
        if (listener == null) {
            return; // not started: start() delivers
        }
        while (true) {
            Event next;
            synchronized (this) {
                next = events.peek();
                if (next == null || next instanceof Message && requested == 0) {
                    return;
                }
                events.poll();
                if (next instanceof Message) {
                    requested--;
                }
            }
            // instanceof rather than a pattern switch: a switch spins a class at its first run (~ms of a CLI's start)
            if (next instanceof Close close) {
                closed();
                listener.onClose(close.status(), close.trailers());
                return;
            }
            try {
                if (next instanceof Headers headers) {
                    listener.onHeaders(headers.headers());
                } else if (next instanceof Message message) {
                    deliverMessage(message.bytes());
                }
            } catch (RuntimeException | Error e) {
                // as grpc-java: a listener that throws cancels its call, which then closes it
                endLocally(Status.CANCELLED.withDescription("the call's listener failed").withCause(e), Frame.CANCEL);
            }
        }
    }

    private void deliverMessage(byte[] bytes) {
        try {
            R response;
            try {
                response = method.parseResponse(new ByteArrayInputStream(bytes));
            } catch (RuntimeException e) {
                endLocally(Status.INTERNAL.withDescription("failed to read the response").withCause(e), Frame.CANCEL);
                return;
            }
            listener.onMessage(response);
        } finally {
            int credit;
            synchronized (this) {
                undelivered -= PREFIX_BYTES + bytes.length;
                if (undelivered < H2Connection.STREAM_WINDOW) {
                    uncredited += owed;
                    owed = 0;
                }
                credit = takeCredit();
            }
            if (credit > 0) {
                connection.credit(streamId, credit);
            }
        }
    }

    /** Called once the listener's close is decided: stops the timers that could end the call. */
    private void closed() {
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
        context.removeListener(onContextCancelled);
    }

    private synchronized boolean closedForListener() {
        return ending && events.isEmpty();
    }

    /** Starts the message the 5-byte prefix announces; {@return why it cannot be read, or null} */
    private Status startMessage() {
        if (prefix[0] != 0) {
            return Status.INTERNAL.withDescription("compressed message, but no compression was negotiated");
        }
        int size = ByteBuffer.wrap(prefix, 1, 4).getInt();
        if (size < 0 || size > MAX_MESSAGE_BYTES) {
            return Status.RESOURCE_EXHAUSTED.withDescription(
                    "grpc: received message larger than max (" + Integer.toUnsignedString(size) + " vs. " + MAX_MESSAGE_BYTES + ")");
        }
        message = new byte[size];
        messageFilled = 0;
        return null;
    }

    private static Status httpFailure(String httpStatus) {
        int code;
        try {
            code = Integer.parseInt(String.valueOf(httpStatus));
        } catch (NumberFormatException e) {
            return Status.INTERNAL.withDescription("malformed :status " + httpStatus);
        }
        return GrpcUtil.httpStatusToGrpcStatus(code).augmentDescription("HTTP status code " + code);
    }

    private static Status statusOf(Context cancelled) {
        Status status = Contexts.statusFromCancelled(cancelled);
        return status != null ? status : Status.CANCELLED.withDescription("io.grpc.Context was cancelled without error");
    }

    private static Deadline earliest(Deadline a, Deadline b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.minimum(b);
    }
}
