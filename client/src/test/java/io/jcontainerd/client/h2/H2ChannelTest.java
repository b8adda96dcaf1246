package io.jcontainerd.client.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport against grpc-java's own server on a Unix socket: every call shape, metadata both
 * ways, statuses, deadlines, cancellation, and more bytes than either side's flow-control windows.
 */
class H2ChannelTest {
    private static final Metadata.Key<String> ASKED = Metadata.Key.of("x-asked", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> ANSWERED = Metadata.Key.of("x-answered", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<byte[]> BINARY = Metadata.Key.of("x-raw-bin", Metadata.BINARY_BYTE_MARSHALLER);
    private static final int MIB = 1 << 20;

    private static final MethodDescriptor<byte[], byte[]> ECHO = method("Echo", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<byte[], byte[]> FAIL = method("Fail", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<byte[], byte[]> HANG = method("Hang", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<byte[], byte[]> PRODUCE =
            method("Produce", MethodDescriptor.MethodType.SERVER_STREAMING);
    private static final MethodDescriptor<byte[], byte[]> CONSUME =
            method("Consume", MethodDescriptor.MethodType.CLIENT_STREAMING);

    @TempDir
    Path dir;
    private EventLoopGroup loop;
    private Server server;
    private H2Connection connection;
    private H2Channel channel;
    private final AtomicReference<String> askedHeader = new AtomicReference<>();
    private final AtomicReference<byte[]> askedBinary = new AtomicReference<>();
    private final CountDownLatch hangCancelled = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        Path socket = dir.resolve("s.sock");
        loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .withChildOption(ChannelOption.SO_KEEPALIVE, null)
                .bossEventLoopGroup(loop).workerEventLoopGroup(loop)
                .maxInboundMessageSize(32 * MIB)
                .intercept(new io.grpc.ServerInterceptor() {
                    @Override
                    public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
                            Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                        askedHeader.set(headers.get(ASKED));
                        askedBinary.set(headers.get(BINARY));
                        return next.startCall(new io.grpc.ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                            @Override
                            public void sendHeaders(Metadata responseHeaders) {
                                responseHeaders.put(ANSWERED, "yes");
                                super.sendHeaders(responseHeaders);
                            }
                        }, headers);
                    }
                })
                .addService(service())
                .build().start();
        SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
        client.connect(UnixDomainSocketAddress.of(socket));
        connection = H2Connection.start(client);
        assertThat(connection.awaitHandshake(TimeUnit.SECONDS.toNanos(10))).isTrue();
        channel = new H2Channel(connection);
    }

    @AfterEach
    void stop() throws InterruptedException {
        connection.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aUnaryCallCarriesItsMessageAndHeadersBothWays() {
        Metadata headers = new Metadata();
        headers.put(ASKED, "please");
        headers.put(BINARY, new byte[] {0, 1, (byte) 0xff});
        AtomicReference<Metadata> answered = new AtomicReference<>();
        io.grpc.Channel intercepted = io.grpc.ClientInterceptors.intercept(channel,
                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers),
                io.grpc.stub.MetadataUtils.newCaptureMetadataInterceptor(answered, new AtomicReference<>()));

        byte[] reply = ClientCalls.blockingUnaryCall(intercepted, ECHO, CallOptions.DEFAULT, bytes("hello"));

        assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(askedHeader).hasValue("please");
        assertThat(askedBinary.get()).containsExactly(0, 1, 0xff);
        assertThat(answered.get().get(ANSWERED)).isEqualTo("yes");
    }

    @Test
    void aFailedCallEndsWithTheServersCodeAndMessage() {
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, FAIL, CallOptions.DEFAULT, bytes("x")))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).isEqualTo("image \"é\": not found");
                });
        // the connection still serves
        assertThat(ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, bytes("again"))).isEqualTo(bytes("again"));
    }

    @Test
    void aCallPastItsDeadlineEndsAndTheServerSeesItCancelled() throws InterruptedException {
        CallOptions soon = CallOptions.DEFAULT.withDeadlineAfter(200, TimeUnit.MILLISECONDS);

        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, HANG, soon, bytes("x")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        assertThat(hangCancelled.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void cancellingTheCallersContextEndsTheCall() throws InterruptedException {
        Context.CancellableContext context = Context.current().withCancellation();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> context.run(() -> {
            try {
                ClientCalls.blockingUnaryCall(channel, HANG, CallOptions.DEFAULT, bytes("x"));
            } catch (StatusRuntimeException e) {
                failure.set(e);
            }
        }));
        Thread.sleep(200);
        context.cancel(null);
        caller.join(5000);

        assertThat(failure.get()).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));
        assertThat(hangCancelled.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCallCancelledBeforeItStartsClosesItsListenerAndSendsNothing() throws InterruptedException {
        io.grpc.ClientCall<byte[], byte[]> call = channel.newCall(ECHO, CallOptions.DEFAULT);
        call.cancel("changed my mind", null);
        ClosingListener listener = new ClosingListener();
        call.start(listener, new Metadata());

        Status closed = listener.awaitClose();
        assertThat(closed.getCode()).isEqualTo(Status.Code.CANCELLED);
        assertThat(closed.getDescription()).isEqualTo("changed my mind");
        assertThat(askedHeader.get()).isNull(); // the server never saw a call
    }

    @Test
    void aListenerThatThrowsCancelsItsCall() throws InterruptedException {
        io.grpc.ClientCall<byte[], byte[]> call = channel.newCall(PRODUCE, CallOptions.DEFAULT);
        ClosingListener listener = new ClosingListener() {
            @Override
            public void onMessage(byte[] message) {
                throw new IllegalStateException("cannot take it");
            }
        };
        call.start(listener, new Metadata());
        call.sendMessage(bytes("3"));
        call.halfClose();
        call.request(3);

        Status closed = listener.awaitClose();
        assertThat(closed.getCode()).isEqualTo(Status.Code.CANCELLED);
        assertThat(closed.getCause()).hasMessage("cannot take it");
    }

    /**
     * A server that grants every window but stops reading: the sender blocks in the socket write,
     * and the deadline still ends the call and frees the sender (the connection is given up).
     */
    @Test
    void aWriteTheServerNeverReadsEndsAtTheDeadlineAndFreesTheSender() throws Exception {
        Path socket = dir.resolve("mute.sock");
        try (java.nio.channels.ServerSocketChannel mute = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
            client.connect(UnixDomainSocketAddress.of(socket));
            try (SocketChannel server = mute.accept()) {
                java.nio.ByteBuffer frames = java.nio.ByteBuffer.allocate(9 + 6 + 9 + 4);
                frames.put(new byte[] {0, 0, 6, Frame.SETTINGS, 0, 0, 0, 0, 0}).putShort((short) Frame.SETTINGS_INITIAL_WINDOW_SIZE)
                        .putInt(Integer.MAX_VALUE);
                frames.put(new byte[] {0, 0, 4, Frame.WINDOW_UPDATE, 0, 0, 0, 0, 0}).putInt(Integer.MAX_VALUE - Frame.DEFAULT_WINDOW);
                server.write(frames.flip());
                try (H2Connection stuck = H2Connection.start(client)) {
                    assertThat(stuck.awaitHandshake(TimeUnit.SECONDS.toNanos(5))).isTrue();
                    io.grpc.ClientCall<byte[], byte[]> call = new H2Channel(stuck).newCall(CONSUME,
                            CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS));
                    ClosingListener listener = new ClosingListener();
                    call.start(listener, new Metadata());
                    Thread sender = Thread.ofPlatform().start(() -> {
                        for (int i = 0; i < 64; i++) { // 64 MiB: far more than the socket buffers hold
                            call.sendMessage(new byte[MIB]);
                        }
                    });

                    assertThat(listener.awaitClose().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                    sender.join(5000);
                    assertThat(sender.isAlive()).isFalse();
                }
            }
        }
    }

    @Test
    void aStreamOfMoreThanTheWindowsArrivesWholeAndInOrder() {
        int count = 40; // 40 MiB: past the stream's 1 MiB window and the connection's 16 MiB
        Iterator<byte[]> replies = ClientCalls.blockingServerStreamingCall(channel, PRODUCE, CallOptions.DEFAULT,
                bytes(Integer.toString(count)));
        int seen = 0;
        while (replies.hasNext()) {
            byte[] reply = replies.next();
            assertThat(reply).hasSize(MIB);
            assertThat(reply[0]).isEqualTo((byte) seen);
            assertThat(reply[MIB - 1]).isEqualTo((byte) seen);
            seen++;
        }
        assertThat(seen).isEqualTo(count);
    }

    @Test
    void aClientStreamOfMoreThanTheServersWindowIsSentWhole() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<byte[]> total = new AtomicReference<>();
        StreamObserver<byte[]> requests = ClientCalls.asyncClientStreamingCall(channel.newCall(CONSUME, CallOptions.DEFAULT),
                new StreamObserver<>() {
                    @Override
                    public void onNext(byte[] value) {
                        total.set(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        byte[] chunk = new byte[MIB];
        for (int i = 0; i < 20; i++) {
            Arrays.fill(chunk, (byte) i);
            requests.onNext(chunk.clone());
        }
        requests.onCompleted();

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(total.get(), StandardCharsets.UTF_8)).isEqualTo((20 * MIB) + " bytes, sum " + sumOf20());
    }

    @Test
    void aMessageOverTheLimitFailsTheCallNotTheConnection() {
        Iterator<byte[]> replies = ClientCalls.blockingServerStreamingCall(channel, PRODUCE, CallOptions.DEFAULT,
                bytes("big"));
        assertThatThrownBy(replies::hasNext).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        assertThat(ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, bytes("still"))).isEqualTo(bytes("still"));
    }

    /** grpc-java's server resets its open streams (CANCEL) as it shuts down; new calls find the connection gone. */
    @Test
    void callsOpenWhenTheServerShutsDownEndAndNewOnesAreUnavailable() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                ClientCalls.blockingUnaryCall(channel, HANG, CallOptions.DEFAULT, bytes("x"));
            } catch (StatusRuntimeException e) {
                failure.set(e);
            }
        });
        Thread.sleep(200);
        server.shutdownNow();
        caller.join(5000);

        assertThat(failure.get()).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isIn(Status.Code.CANCELLED, Status.Code.UNAVAILABLE));
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, bytes("x")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    /** A listener that records how its call closed. */
    private static class ClosingListener extends io.grpc.ClientCall.Listener<byte[]> {
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile Status status;

        @Override
        public void onClose(Status status, Metadata trailers) {
            this.status = status;
            closed.countDown();
        }

        Status awaitClose() throws InterruptedException {
            assertThat(closed.await(5, TimeUnit.SECONDS)).as("the call closed").isTrue();
            return status;
        }
    }

    private ServerServiceDefinition service() {
        return ServerServiceDefinition.builder("test.Bytes")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, reply) -> {
                    reply.onNext(request);
                    reply.onCompleted();
                }))
                .addMethod(FAIL, ServerCalls.asyncUnaryCall((request, reply) ->
                        reply.onError(Status.NOT_FOUND.withDescription("image \"é\": not found").asRuntimeException())))
                .addMethod(HANG, ServerCalls.asyncUnaryCall((request, reply) ->
                        Context.current().addListener(context -> hangCancelled.countDown(), Runnable::run)))
                .addMethod(PRODUCE, ServerCalls.asyncServerStreamingCall((request, reply) -> {
                    String asked = new String(request, StandardCharsets.UTF_8);
                    if (asked.equals("big")) {
                        reply.onNext(new byte[17 * MIB]);
                        reply.onCompleted();
                        return;
                    }
                    for (int i = 0; i < Integer.parseInt(asked); i++) {
                        byte[] message = new byte[MIB];
                        Arrays.fill(message, (byte) i);
                        reply.onNext(message);
                    }
                    reply.onCompleted();
                }))
                .addMethod(CONSUME, ServerCalls.asyncClientStreamingCall(reply -> new StreamObserver<byte[]>() {
                    private final List<byte[]> received = new ArrayList<>();

                    @Override
                    public void onNext(byte[] value) {
                        received.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                        long bytes = 0;
                        long sum = 0;
                        for (byte[] chunk : received) {
                            bytes += chunk.length;
                            for (byte b : chunk) {
                                sum += b;
                            }
                        }
                        reply.onNext(bytes(bytes + " bytes, sum " + sum));
                        reply.onCompleted();
                    }
                }))
                .build();
    }

    private static long sumOf20() {
        long sum = 0;
        for (int i = 0; i < 20; i++) {
            sum += (long) i * MIB;
        }
        return sum;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
        MethodDescriptor.Marshaller<byte[]> raw = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Bytes", name))
                .setRequestMarshaller(raw).setResponseMarshaller(raw).build();
    }
}
