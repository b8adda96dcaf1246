package io.jcontainerd.client.h2;

import io.grpc.Status;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One HTTP/2 connection carrying gRPC calls over a connected socket: a reader thread that takes
 * frames apart and hands them to their calls, and frame writes from the callers' threads under one
 * lock, which also guards the send windows. A CLI's whole transport, without an event loop: the
 * dial takes milliseconds where Netty's and grpc-java's channel took a cold JVM ~100 ms.
 */
public final class H2Connection implements AutoCloseable {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** What a stream may hold unread before the daemon waits (grpc-java's default, 1 MiB). */
    static final int STREAM_WINDOW = 1 << 20;
    /** All streams together; credited as frames arrive, so one slow reader never stalls the others. */
    private static final int CONNECTION_WINDOW = 16 << 20;
    private static final int READ_BUFFER_BYTES = 64 << 10;
    /** A header block spread over more CONTINUATION frames than this ends the connection. */
    private static final int MAX_HEADER_BLOCK_BYTES = 256 << 10;
    /**
     * How long a reset or a close waits for a frame write in progress: a write blocks only while
     * the server reads nothing, and past this the connection is given up (closing the socket
     * ends that write) rather than hang the thread that wanted out.
     */
    private static final long STUCK_WRITE_MILLIS = 1000;
    private static final int MAX_WINDOW = Integer.MAX_VALUE;
    /** For {@link #finish}: the stream is over on the server's side already (it reset it, or the connection is gone). */
    static final int NO_RESET = -1;

    private final SocketChannel socket;
    private final Map<Integer, H2Call<?, ?>> streams = new ConcurrentHashMap<>();
    private final CountDownLatch handshake = new CountDownLatch(1);
    /** Guards writes to the socket, stream ids and both send windows. */
    private final ReentrantLock writes = new ReentrantLock();
    private final ByteBuffer frameHeader = ByteBuffer.allocate(Frame.HEADER_BYTES);
    private int nextStreamId = 1;
    private long connectionSendWindow = Frame.DEFAULT_WINDOW;
    private int initialSendWindow = Frame.DEFAULT_WINDOW;
    private int maxSendFrame = Frame.DEFAULT_MAX_FRAME_SIZE;
    /** Set once no call may start (the server is going away, or the connection closed): why they fail. */
    private volatile Status refusal;
    /** Set once the connection is closed: why its calls ended. */
    private volatile Status closed;
    /** Set when a write failed: the socket is closed and nothing more is written. */
    private boolean writeFailed;
    private ScheduledExecutorService timers;

    private H2Connection(SocketChannel socket) {
        this.socket = socket;
    }

    /**
     * Sends the client preface over {@code socket} and starts reading; {@link #awaitHandshake}
     * tells when the server has answered with its settings.
     */
    public static H2Connection start(SocketChannel socket) throws IOException {
        H2Connection connection = new H2Connection(socket);
        ByteBuffer settings = ByteBuffer.allocate(12);
        settings.putShort((short) Frame.SETTINGS_ENABLE_PUSH).putInt(0);
        settings.putShort((short) Frame.SETTINGS_INITIAL_WINDOW_SIZE).putInt(STREAM_WINDOW).flip();
        connection.writes.lock();
        try {
            writeFully(socket, ByteBuffer.wrap(PREFACE));
            connection.writeFrame(Frame.SETTINGS, 0, 0, settings);
            connection.writeWindowUpdate(0, CONNECTION_WINDOW - Frame.DEFAULT_WINDOW);
        } finally {
            connection.writes.unlock();
        }
        Thread.ofPlatform().daemon().name("containerd-client").start(connection::readLoop);
        return connection;
    }

    /**
     * {@return true once the server's settings arrived, false if {@code nanos} passed first}
     *
     * @throws IOException when the connection ended before the server's settings
     */
    public boolean awaitHandshake(long nanos) throws IOException, InterruptedException {
        if (!handshake.await(Math.max(nanos, 0), TimeUnit.NANOSECONDS)) {
            return false;
        }
        Status failure = closed;
        if (failure != null) {
            throw new IOException(failure.getDescription(), failure.getCause());
        }
        return true;
    }

    /** Ends every call with CANCELLED and closes the socket. */
    @Override
    public void close() {
        shutdown(Status.CANCELLED.withDescription("connection closed by the client"), true);
    }

    /**
     * Gives {@code call} the next stream id and sends its headers.
     *
     * @return why the call cannot start, or null once it has
     */
    Status open(H2Call<?, ?> call, byte[] headerBlock) {
        writes.lock();
        try {
            Status failure = refusal;
            if (failure != null) {
                return failure;
            }
            if (call.finished) {
                return Status.CANCELLED.withDescription("call cancelled before it started");
            }
            int id = nextStreamId;
            nextStreamId += 2;
            call.streamId = id;
            call.sendWindow = initialSendWindow;
            streams.put(id, call);
            int first = Math.min(headerBlock.length, maxSendFrame);
            writeFrame(Frame.HEADERS, first == headerBlock.length ? Frame.FLAG_END_HEADERS : 0, id,
                    ByteBuffer.wrap(headerBlock, 0, first));
            for (int at = first; at < headerBlock.length; at += maxSendFrame) {
                int n = Math.min(maxSendFrame, headerBlock.length - at);
                writeFrame(Frame.CONTINUATION, at + n == headerBlock.length ? Frame.FLAG_END_HEADERS : 0, id,
                        ByteBuffer.wrap(headerBlock, at, n));
            }
            return null;
        } finally {
            writes.unlock();
        }
    }

    /** Queues a framed message of {@code call} and sends what the windows allow. */
    void send(H2Call<?, ?> call, ByteBuffer framed) {
        boolean ready;
        writes.lock();
        try {
            if (call.finished) {
                return;
            }
            call.outbound.add(framed);
            call.outboundBytes += framed.remaining();
            ready = flush(call);
        } finally {
            writes.unlock();
        }
        if (ready) {
            call.becameReady();
        }
    }

    /** Ends the client's side of {@code call} once its queued messages are sent. */
    void halfClose(H2Call<?, ?> call) {
        writes.lock();
        try {
            if (!call.finished) {
                call.halfClosed = true;
                flush(call);
            }
        } finally {
            writes.unlock();
        }
    }

    /** {@return whether {@code call} has little enough queued that it may send more} */
    boolean isReady(H2Call<?, ?> call) {
        writes.lock();
        try {
            return !call.finished && call.outboundBytes < H2Call.READY_BYTES;
        } finally {
            writes.unlock();
        }
    }

    /**
     * Forgets {@code call}: its queued messages are dropped, and the server is told to drop the
     * stream ({@code RST_STREAM} with {@code errorCode}) unless both sides already ended it or
     * the code is {@link #NO_RESET}.
     */
    void finish(H2Call<?, ?> call, int errorCode) {
        if (!lockUnlessStuck()) {
            return;
        }
        try {
            if (call.finished) {
                return;
            }
            call.finished = true;
            call.outbound.clear();
            call.outboundBytes = 0;
            if (call.streamId == 0) {
                return;
            }
            streams.remove(call.streamId);
            if (errorCode != NO_RESET && !(call.endSent && call.remoteEnded)) {
                writeFrame(Frame.RST_STREAM, 0, call.streamId, ByteBuffer.allocate(4).putInt(0, errorCode));
            }
        } finally {
            writes.unlock();
        }
    }

    /**
     * {@return true holding the write lock, or false after closing the socket} when a write
     * has held the lock for {@link #STUCK_WRITE_MILLIS}
     */
    private boolean lockUnlessStuck() {
        try {
            if (writes.tryLock(STUCK_WRITE_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            socket.close(); // the stuck write fails, and the reader thread ends every call
        } catch (IOException e) {
            // closed either way
        }
        return false;
    }

    /** Gives the server back {@code bytes} of {@code streamId}'s receive window. */
    void credit(int streamId, int bytes) {
        writes.lock();
        try {
            writeWindowUpdate(streamId, bytes);
        } finally {
            writes.unlock();
        }
    }

    /** {@return the thread that ends calls at their deadlines, started on first use} */
    synchronized ScheduledExecutorService timers() {
        if (timers == null) {
            if (closed != null) {
                throw new java.util.concurrent.RejectedExecutionException("connection closed");
            }
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                    task -> Thread.ofPlatform().daemon().name("containerd-client-deadlines").unstarted(task));
            executor.setRemoveOnCancelPolicy(true);
            timers = executor;
        }
        return timers;
    }

    /** Sends what the windows allow of {@code call}'s queue; {@return whether it became ready to take more} */
    private boolean flush(H2Call<?, ?> call) {
        boolean wasReady = call.outboundBytes < H2Call.READY_BYTES;
        while (!call.outbound.isEmpty()) {
            ByteBuffer head = call.outbound.peek();
            int n = (int) Math.min(Math.min(connectionSendWindow, call.sendWindow),
                    Math.min(maxSendFrame, head.remaining()));
            if (n <= 0) {
                break;
            }
            ByteBuffer chunk = head.slice(head.position(), n);
            head.position(head.position() + n);
            if (!head.hasRemaining()) {
                call.outbound.poll();
            }
            boolean end = call.halfClosed && call.outbound.isEmpty();
            writeFrame(Frame.DATA, end ? Frame.FLAG_END_STREAM : 0, call.streamId, chunk);
            connectionSendWindow -= n;
            call.sendWindow -= n;
            call.outboundBytes -= n;
            call.endSent |= end;
        }
        if (call.outbound.isEmpty() && call.halfClosed && !call.endSent) {
            writeFrame(Frame.DATA, Frame.FLAG_END_STREAM, call.streamId, ByteBuffer.allocate(0));
            call.endSent = true;
        }
        return !wasReady && call.outboundBytes < H2Call.READY_BYTES;
    }

    private void flushAll() {
        List<H2Call<?, ?>> ready = new ArrayList<>();
        writes.lock();
        try {
            for (H2Call<?, ?> call : streams.values()) {
                if (!call.outbound.isEmpty() && flush(call)) {
                    ready.add(call);
                }
            }
        } finally {
            writes.unlock();
        }
        ready.forEach(H2Call::becameReady);
    }

    private void readLoop() {
        Status ended = Status.UNAVAILABLE.withDescription("error reading from server: EOF");
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(socket), READ_BUFFER_BYTES))) {
            new FrameReader(in).run();
        } catch (EOFException e) {
            // the server closed the connection: ended says so
        } catch (IOException | RuntimeException e) {
            ended = Status.UNAVAILABLE.withDescription("error reading from server: " + e.getMessage()).withCause(e);
        }
        shutdown(ended, false);
    }

    /** Refuses new calls, ends the open ones with {@code status}, closes the socket. */
    private void shutdown(Status status, boolean goAway) {
        boolean locked = lockUnlessStuck();
        try {
            if (closed != null) {
                return;
            }
            if (goAway && locked) {
                writeFrame(Frame.GOAWAY, 0, 0, ByteBuffer.allocate(8)); // no pushed stream to name, no error
            }
            closed = status;
            if (refusal == null) {
                refusal = status;
            }
        } finally {
            if (locked) {
                writes.unlock();
            }
        }
        try {
            socket.close();
        } catch (IOException e) {
            // the calls below end either way
        }
        handshake.countDown();
        for (H2Call<?, ?> call : List.copyOf(streams.values())) {
            call.transportFailed(status);
        }
        synchronized (this) {
            if (timers != null) {
                timers.shutdownNow();
            }
        }
    }

    private void writeWindowUpdate(int streamId, int increment) {
        writeFrame(Frame.WINDOW_UPDATE, 0, streamId, ByteBuffer.allocate(4).putInt(0, increment));
    }

    /** Writes one frame; a failed write closes the connection, which ends every call. Holds {@link #writes}. */
    private void writeFrame(int type, int flags, int streamId, ByteBuffer payload) {
        if (closed != null || writeFailed) {
            return;
        }
        frameHeader.clear();
        int length = payload.remaining();
        frameHeader.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length)
                .put((byte) type).put((byte) flags).putInt(streamId).flip();
        try {
            ByteBuffer[] both = {frameHeader, payload};
            long total = Frame.HEADER_BYTES + (long) length;
            while (total > 0) {
                total -= socket.write(both);
            }
        } catch (IOException e) {
            writeFailed = true;
            try {
                socket.close(); // the reader thread's read fails next, and it ends the calls
            } catch (IOException ignored) {
                // closed either way
            }
        }
    }

    private static void writeFully(SocketChannel socket, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            socket.write(bytes);
        }
    }

    /** The reader thread's view of the connection: frames in, calls told. */
    private final class FrameReader {
        private final DataInputStream in;
        private final HeaderBlocks headers = new HeaderBlocks();
        private final ByteArrayOutputStream headerBlock = new ByteArrayOutputStream();
        /** The stream whose header block continues in CONTINUATION frames, or 0. */
        private int continuing;
        private boolean continuingEndsStream;
        private long uncreditedConnectionBytes;

        FrameReader(DataInputStream in) {
            this.in = in;
        }

        /** Reads frames until the connection ends, which it reports by throwing ({@link EOFException} for a close). */
        void run() throws IOException {
            byte[] header = new byte[Frame.HEADER_BYTES];
            while (true) {
                in.readFully(header);
                int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
                int type = header[3] & 0xff;
                int flags = header[4] & 0xff;
                int streamId = ((header[5] & 0x7f) << 24) | (header[6] & 0xff) << 16 | (header[7] & 0xff) << 8
                        | header[8] & 0xff;
                if (length > Frame.DEFAULT_MAX_FRAME_SIZE) {
                    throw new IOException("frame of " + length + " bytes exceeds the maximum frame size");
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (continuing != 0 && type != Frame.CONTINUATION) {
                    throw new IOException("protocol error: header block interrupted by a frame of type " + type);
                }
                switch (type) {
                    case Frame.DATA -> data(flags, streamId, payload);
                    case Frame.HEADERS -> headers(flags, streamId, payload);
                    case Frame.RST_STREAM -> reset(streamId, ByteBuffer.wrap(payload).getInt());
                    case Frame.SETTINGS -> settings(flags, payload);
                    case Frame.PING -> ping(flags, payload);
                    case Frame.GOAWAY -> goAway(payload);
                    case Frame.WINDOW_UPDATE -> windowUpdate(streamId, ByteBuffer.wrap(payload).getInt() & 0x7fffffff);
                    case Frame.CONTINUATION -> continuation(flags, streamId, payload);
                    case Frame.PUSH_PROMISE -> throw new IOException("protocol error: push promise after push was disabled");
                    default -> {
                        // PRIORITY and unknown types carry nothing for a client
                    }
                }
            }
        }

        private void data(int flags, int streamId, byte[] payload) throws IOException {
            int offset = 0;
            int length = payload.length;
            if ((flags & Frame.FLAG_PADDED) != 0) {
                offset = 1;
                length = payload.length - 1 - padLength(payload);
                if (length < 0) {
                    throw new IOException("protocol error: DATA padding longer than the frame");
                }
            }
            uncreditedConnectionBytes += payload.length;
            if (uncreditedConnectionBytes >= CONNECTION_WINDOW / 2) {
                credit(0, (int) uncreditedConnectionBytes);
                uncreditedConnectionBytes = 0;
            }
            H2Call<?, ?> call = streams.get(streamId);
            if (call != null) {
                call.received(payload, offset, length, payload.length - length, (flags & Frame.FLAG_END_STREAM) != 0);
            }
        }

        private void headers(int flags, int streamId, byte[] payload) throws IOException {
            if (streamId == 0) {
                throw new IOException("protocol error: HEADERS on stream 0");
            }
            int offset = 0;
            int end = payload.length;
            if ((flags & Frame.FLAG_PADDED) != 0) {
                offset = 1;
                end -= padLength(payload);
            }
            if ((flags & Frame.FLAG_PRIORITY) != 0) {
                offset += 5;
            }
            if (end < offset) {
                throw new IOException("protocol error: HEADERS padding longer than the frame");
            }
            headerBlock.reset();
            headerBlock.write(payload, offset, end - offset);
            continuingEndsStream = (flags & Frame.FLAG_END_STREAM) != 0;
            continuing = streamId;
            if ((flags & Frame.FLAG_END_HEADERS) != 0) {
                headerBlockDone();
            }
        }

        private void continuation(int flags, int streamId, byte[] payload) throws IOException {
            if (continuing == 0 || streamId != continuing) {
                throw new IOException("protocol error: CONTINUATION for stream " + streamId);
            }
            headerBlock.write(payload);
            if (headerBlock.size() > MAX_HEADER_BLOCK_BYTES) {
                throw new IOException("protocol error: header block over " + MAX_HEADER_BLOCK_BYTES + " bytes");
            }
            if ((flags & Frame.FLAG_END_HEADERS) != 0) {
                headerBlockDone();
            }
        }

        private void headerBlockDone() throws IOException {
            int streamId = continuing;
            continuing = 0;
            // decoded even for a stream we forgot: the server's encoder table moved on
            HeaderBlocks.Decoded decoded = headers.decode(headerBlock.toByteArray());
            H2Call<?, ?> call = streams.get(streamId);
            if (call != null) {
                call.headersReceived(decoded, continuingEndsStream);
            }
        }

        private static int padLength(byte[] payload) throws IOException {
            if (payload.length == 0) {
                throw new IOException("protocol error: padded frame without its pad length");
            }
            return payload[0] & 0xff;
        }

        private void reset(int streamId, int errorCode) {
            H2Call<?, ?> call = streams.get(streamId);
            if (call != null) {
                call.resetByServer(errorCode);
            }
        }

        private void settings(int flags, byte[] payload) throws IOException {
            if ((flags & Frame.FLAG_ACK) != 0) {
                return;
            }
            ByteBuffer settings = ByteBuffer.wrap(payload);
            writes.lock();
            try {
                while (settings.remaining() >= 6) {
                    int id = settings.getShort() & 0xffff;
                    int value = settings.getInt();
                    if (id == Frame.SETTINGS_INITIAL_WINDOW_SIZE) {
                        if (value < 0) {
                            throw new IOException("flow control error: initial window " + Integer.toUnsignedString(value));
                        }
                        int delta = value - initialSendWindow;
                        initialSendWindow = value;
                        streams.values().forEach(call -> call.sendWindow += delta);
                    } else if (id == Frame.SETTINGS_MAX_FRAME_SIZE) {
                        if (value < Frame.DEFAULT_MAX_FRAME_SIZE || value > Frame.LARGEST_FRAME_SIZE) {
                            throw new IOException("protocol error: max frame size " + Integer.toUnsignedString(value));
                        }
                        maxSendFrame = value;
                    }
                }
                writeFrame(Frame.SETTINGS, Frame.FLAG_ACK, 0, ByteBuffer.allocate(0));
            } finally {
                writes.unlock();
            }
            handshake.countDown();
            flushAll();
        }

        private void ping(int flags, byte[] payload) {
            if ((flags & Frame.FLAG_ACK) != 0) {
                return;
            }
            writes.lock();
            try {
                writeFrame(Frame.PING, Frame.FLAG_ACK, 0, ByteBuffer.wrap(payload));
            } finally {
                writes.unlock();
            }
        }

        private void goAway(byte[] payload) {
            ByteBuffer frame = ByteBuffer.wrap(payload);
            int lastStream = frame.getInt() & 0x7fffffff;
            int errorCode = frame.getInt();
            String debug = new String(payload, 8, payload.length - 8, StandardCharsets.UTF_8);
            Status status = Status.UNAVAILABLE.withDescription("the server is going away (code " + errorCode
                    + (debug.isEmpty() ? "" : ", " + debug) + ")");
            writes.lock();
            try {
                if (refusal == null) {
                    refusal = status;
                }
            } finally {
                writes.unlock();
            }
            for (H2Call<?, ?> call : List.copyOf(streams.values())) {
                if (call.streamId > lastStream) {
                    call.transportFailed(status);
                }
            }
        }

        private void windowUpdate(int streamId, int increment) throws IOException {
            if (streamId == 0) {
                writes.lock();
                try {
                    if (connectionSendWindow + increment > MAX_WINDOW) {
                        throw new IOException("flow control error: connection window over 2^31-1");
                    }
                    connectionSendWindow += increment;
                } finally {
                    writes.unlock();
                }
                flushAll();
                return;
            }
            H2Call<?, ?> call = streams.get(streamId);
            if (call == null) {
                return;
            }
            boolean ready;
            writes.lock();
            try {
                if (call.sendWindow + increment > MAX_WINDOW) {
                    throw new IOException("flow control error: stream " + streamId + "'s window over 2^31-1");
                }
                call.sendWindow += increment;
                ready = flush(call);
            } finally {
                writes.unlock();
            }
            if (ready) {
                call.becameReady();
            }
        }
    }
}
