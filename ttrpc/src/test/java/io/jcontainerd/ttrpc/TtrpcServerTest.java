package io.jcontainerd.ttrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Empty;
import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import io.jcontainerd.api.ttrpc.Request;
import io.jcontainerd.api.ttrpc.Response;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class TtrpcServerTest {
    private static final String ECHO = "test.v1.Echo";

    @TempDir
    Path dir;

    private Path socket;
    private TtrpcServer server;
    private TtrpcClient client;
    private final CountDownLatch releaseBlocked = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("t.sock");
        server = new TtrpcServer().register(TtrpcService.of(ECHO, Map.of(
                "Echo", TtrpcMethod.of(StringValue.parser(), (ctx, req) -> req),
                "Metadata", TtrpcMethod.of(Empty.parser(), (ctx, req) ->
                        StringValue.of(ctx.metadata().get("containerd-namespace-ttrpc") + " " + ctx.metadata().get("X-Multi"))),
                "Deadline", TtrpcMethod.of(Empty.parser(), (ctx, req) ->
                        Int64Value.of(ctx.deadline().map(d -> Duration.between(Instant.now(), d).toMillis()).orElse(-1L))),
                "Fail", TtrpcMethod.of(StringValue.parser(), (ctx, req) -> {
                    ErrorKind kind = ErrorKind.valueOf(req.getValue());
                    // wrapped, as layers above the domain do
                    throw new UncheckedIOException(new IOException("wrapper", new ErrdefsException(kind, "thing x: " + kind.text())));
                }),
                "Crash", (ctx, payload) -> {
                    throw new IllegalStateException("boom");
                },
                "Null", (ctx, payload) -> null,
                "Big", TtrpcMethod.of(Int64Value.parser(), (ctx, req) ->
                        BytesValue.of(ByteString.copyFrom(new byte[(int) req.getValue()]))),
                "Block", (ctx, payload) -> {
                    releaseBlocked.await();
                    return Empty.getDefaultInstance();
                })));
        server.listen(socket);
        client = TtrpcClient.connect(socket);
    }

    @AfterEach
    void stop() throws IOException {
        releaseBlocked.countDown();
        client.close();
        server.close();
    }

    @Test
    void roundTripsARequest() throws IOException {
        StringValue answer = client.call(ECHO, "Echo", StringValue.of("hello"), StringValue.parser());

        assertThat(answer.getValue()).isEqualTo("hello");
    }

    @Test
    void unknownServiceIsUnimplementedWithGoText() {
        assertThatThrownBy(() -> client.call("no.Such", "Echo", Empty.getDefaultInstance(), Empty.parser()))
                .isInstanceOfSatisfying(TtrpcStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(StatusCodes.UNIMPLEMENTED);
                    assertThat(e.description()).isEqualTo("service no.Such");
                    assertThat(e).hasMessage("rpc error: code = Unimplemented desc = service no.Such");
                });
    }

    @Test
    void unknownMethodIsUnimplementedWithGoText() {
        assertThatThrownBy(() -> client.call(ECHO, "Nope", Empty.getDefaultInstance(), Empty.parser()))
                .isInstanceOfSatisfying(TtrpcStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(StatusCodes.UNIMPLEMENTED);
                    assertThat(e.description()).isEqualTo("method Nope");
                });
    }

    @ParameterizedTest
    @CsvSource({"NOT_FOUND, 5", "ALREADY_EXISTS, 6", "CONFLICT, 9", "NOT_IMPLEMENTED, 12", "CANCELED, 1", "UNAVAILABLE, 14"})
    void errdefsInTheCauseChainBecomeTheirStatusCode(ErrorKind kind, int code) {
        assertThatThrownBy(() -> client.call(ECHO, "Fail", StringValue.of(kind.name()), Empty.parser()))
                .isInstanceOfSatisfying(TtrpcStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.description()).isEqualTo("thing x: " + kind.text());
                });
    }

    @Test
    void otherExceptionsAreUnknownWithTheirMessage() {
        assertThatThrownBy(() -> client.call(ECHO, "Crash", Empty.getDefaultInstance(), Empty.parser()))
                .isInstanceOfSatisfying(TtrpcStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(StatusCodes.UNKNOWN);
                    assertThat(e.description()).isEqualTo("boom");
                });
    }

    @Test
    void aNullResultIsUnknownLikeUpstream() {
        assertThatThrownBy(() -> client.call(ECHO, "Null", Empty.getDefaultInstance(), Empty.parser()))
                .isInstanceOfSatisfying(TtrpcStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(StatusCodes.UNKNOWN);
                    assertThat(e.description()).isEqualTo("ttrpc: marshal called with nil");
                });
    }

    @Test
    void unparsablePayloadIsInternal() {
        // proto3 strings must be UTF-8
        BytesValue notUtf8 = BytesValue.of(ByteString.copyFrom(new byte[] {(byte) 0xFF}));
        assertThatThrownBy(() -> client.call(ECHO, "Echo", notUtf8, StringValue.parser()))
                .isInstanceOfSatisfying(TtrpcStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(StatusCodes.INTERNAL);
                    assertThat(e.description()).startsWith("ttrpc: error unmarshalling payload: ");
                });
    }

    @Test
    void passesMultiValuedMetadataThrough() throws IOException {
        StringValue answer = client.call(ECHO, "Metadata", Empty.getDefaultInstance(), StringValue.parser(),
                Map.of("containerd-namespace-ttrpc", List.of("default"), "x-multi", List.of("a", "b")),
                Duration.ofSeconds(5));

        assertThat(answer.getValue()).isEqualTo("[default] [a, b]");
    }

    @Test
    void tellsTheHandlerTheDeadline() throws IOException {
        long withTimeout = client.call(ECHO, "Deadline", Empty.getDefaultInstance(), Int64Value.parser(),
                Map.of(), Duration.ofSeconds(10)).getValue();
        long without = client.call(ECHO, "Deadline", Empty.getDefaultInstance(), Int64Value.parser()).getValue();

        assertThat(withTimeout).isBetween(5_000L, 10_000L);
        assertThat(without).isEqualTo(-1L);
    }

    @Test
    void aCallOutlivingItsTimeoutIsDeadlineExceededAndTheConnectionStaysUsable() throws IOException {
        assertThatThrownBy(() -> client.call(ECHO, "Block", Empty.getDefaultInstance(), Empty.parser(),
                Map.of(), Duration.ofMillis(100)))
                .isInstanceOfSatisfying(TtrpcStatusException.class,
                        e -> assertThat(e.code()).isEqualTo(StatusCodes.DEADLINE_EXCEEDED));
        releaseBlocked.countDown(); // the late answer must be dropped, not misrouted

        assertThat(client.call(ECHO, "Echo", StringValue.of("after"), StringValue.parser()).getValue()).isEqualTo("after");
    }

    @Test
    void answersManyConcurrentCallsOnOneConnection() throws Exception {
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String text = "call-" + i;
                answers.add(callers.submit(() -> client.call(ECHO, "Echo", StringValue.of(text), StringValue.parser()).getValue()));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("call-" + i);
            }
        }
    }

    @Test
    void aSlowCallDoesNotHoldUpOthers() throws Exception {
        CompletableFuture<Empty> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return client.call(ECHO, "Block", Empty.getDefaultInstance(), Empty.parser());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(client.call(ECHO, "Echo", StringValue.of("quick"), StringValue.parser()).getValue()).isEqualTo("quick");
        assertThat(blocked).isNotDone();
        releaseBlocked.countDown();
        assertThat(blocked.get(5, TimeUnit.SECONDS)).isEqualTo(Empty.getDefaultInstance());
    }

    @Test
    void anOversizedRequestIsResourceExhaustedAndTheConnectionStaysUsable() throws IOException {
        StringValue huge = StringValue.of("x".repeat(FrameHeader.MAX_MESSAGE_LENGTH));

        assertThatThrownBy(() -> client.call(ECHO, "Echo", huge, StringValue.parser()))
                .isInstanceOfSatisfying(TtrpcStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(StatusCodes.RESOURCE_EXHAUSTED);
                    assertThat(e.description()).matches("message length \\d+ exceed maximum message size of 4194304");
                });
        assertThat(client.call(ECHO, "Echo", StringValue.of("still"), StringValue.parser()).getValue()).isEqualTo("still");
    }

    @Test
    void anOversizedResponseIsResourceExhaustedOnTheClient() {
        assertThatThrownBy(() -> client.call(ECHO, "Big", Int64Value.of(FrameHeader.MAX_MESSAGE_LENGTH + 1), BytesValue.parser()))
                .isInstanceOfSatisfying(TtrpcStatusException.class,
                        e -> assertThat(e.code()).isEqualTo(StatusCodes.RESOURCE_EXHAUSTED));
    }

    @Test
    void usesOddStreamIdsFromOneAndAnswersOnTheRequestsStream() throws IOException {
        try (FrameChannel raw = new FrameChannel(SocketChannel.open(UnixDomainSocketAddress.of(socket)))) {
            Request echo = Request.newBuilder().setService(ECHO).setMethod("Echo")
                    .setPayload(StringValue.of("raw").toByteString()).build();
            raw.send(7, FrameHeader.TYPE_REQUEST, echo.toByteArray());

            Received.Frame answer = (Received.Frame) raw.receive();

            assertThat(answer.header()).isEqualTo(FrameHeader.of(7, FrameHeader.TYPE_RESPONSE, answer.payload().length));
            Response response = Response.parseFrom(answer.payload());
            assertThat(response.getStatus().getCode()).isZero();
            assertThat(StringValue.parseFrom(response.getPayload()).getValue()).isEqualTo("raw");
        }
    }

    @Test
    void rejectsEvenStreamIdsLikeUpstream() throws IOException {
        try (FrameChannel raw = new FrameChannel(SocketChannel.open(UnixDomainSocketAddress.of(socket)))) {
            raw.send(2, FrameHeader.TYPE_REQUEST, Request.newBuilder().setService(ECHO).setMethod("Echo").build().toByteArray());

            Received answer = raw.receive();

            assertThat(answer.header().streamId()).isEqualTo(2);
            Response response = Response.parseFrom(((Received.Frame) answer).payload());
            assertThat(response.getStatus().getCode()).isEqualTo(StatusCodes.INVALID_ARGUMENT);
            assertThat(response.getStatus().getMessage()).isEqualTo("StreamID must be odd for client initiated streams");
        }
    }

    @Test
    void createsTheSocketWithMode0660() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
    }

    @Test
    void closeRemovesTheSocketFileAndEndsClientCalls() throws IOException {
        server.close();

        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> client.call(ECHO, "Echo", StringValue.of("late"), StringValue.parser()))
                .isInstanceOf(TtrpcClosedException.class)
                .hasMessage("ttrpc: closed");
    }

    @Test
    void closeEndsHandlersStillRunning() throws Exception {
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                client.call(ECHO, "Block", Empty.getDefaultInstance(), Empty.parser());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread.sleep(100); // let the call reach the handler

        server.close(); // returns only once the interrupted handler ended

        assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(UncheckedIOException.class)
                .hasRootCauseInstanceOf(IOException.class);
    }

    @Test
    void aSecondServerOnALivePathFails() {
        try (TtrpcServer second = new TtrpcServer()) {
            assertThatThrownBy(() -> second.listen(socket))
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining("address already in use");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(socket).exists();
    }

    @Test
    void replacesAStaleSocketFile() throws IOException {
        Path stale = dir.resolve("stale.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(stale));
        dead.close(); // leaves the file behind, as a crashed process would

        try (TtrpcServer revived = new TtrpcServer().register(TtrpcService.of(ECHO, Map.of(
                "Echo", TtrpcMethod.of(StringValue.parser(), (ctx, req) -> req))))) {
            revived.listen(stale);
            try (TtrpcClient other = TtrpcClient.connect(stale)) {
                assertThat(other.call(ECHO, "Echo", StringValue.of("back"), StringValue.parser()).getValue()).isEqualTo("back");
            }
        }
    }

    @Test
    void leavesAFileThatIsNotASocketAlone() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "data");

        try (TtrpcServer other = new TtrpcServer()) {
            assertThatThrownBy(() -> other.listen(file)).isInstanceOf(BindException.class);
        }
        assertThat(file).hasContent("data");
    }

    @Test
    void refusesDuplicateServices() {
        assertThatThrownBy(() -> server.register(TtrpcService.of(ECHO, Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("duplicate service test.v1.Echo registered");
    }

    @Test
    void closeFromItsOwnHandlerIsRefusedInsteadOfWaitingForever() throws IOException {
        server.register(TtrpcService.of("test.v1.Shutdown", Map.of("Shutdown", (ctx, payload) -> {
            server.close();
            return Empty.getDefaultInstance();
        })));

        assertThatThrownBy(() -> client.call("test.v1.Shutdown", "Shutdown", Empty.getDefaultInstance(), Empty.parser()))
                .isInstanceOfSatisfying(TtrpcStatusException.class,
                        e -> assertThat(e.description()).contains("would wait for itself"));
    }

    @Test
    void onCloseRunsOnceWhenTheServerHangsUp() throws Exception {
        var closes = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        TtrpcClient watched = TtrpcClient.connect(socket, () -> {
            closes.incrementAndGet();
            closed.countDown();
        });
        assertThat(watched.call(ECHO, "Echo", StringValue.of("up"), StringValue.parser()).getValue()).isEqualTo("up");

        server.close();

        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        watched.close();
        assertThat(closes).hasValue(1);
    }

    @Test
    void onCloseRunsOnceOnALocalClose() throws IOException {
        var closes = new AtomicInteger();
        TtrpcClient watched = TtrpcClient.connect(socket, closes::incrementAndGet);

        watched.close();
        watched.close();

        assertThat(closes).hasValue(1);
    }
}
