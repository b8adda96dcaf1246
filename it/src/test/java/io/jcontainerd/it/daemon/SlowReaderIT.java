package io.jcontainerd.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import containerd.services.content.v1.ContentGrpc;
import containerd.services.content.v1.ContentOuterClass.InfoRequest;
import containerd.services.content.v1.ContentOuterClass.ReadContentRequest;
import containerd.services.content.v1.ContentOuterClass.ReadContentResponse;
import containerd.services.version.v1.VersionGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.MetadataUtils;
import io.jcontainerd.client.ClientOptions;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.it.support.DaemonProcess;
import io.jcontainerd.it.support.Host;
import io.jcontainerd.it.support.JcontainerdHome;
import java.io.ByteArrayInputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Small reads (Content.Info, a one-message Content.Read, Version) are answered on the daemon's
 * event loop. A client that stops reading a large blob must still hold up nobody: the rest of its
 * read waits on a thread of its own, and every other connection is served meanwhile.
 */
class SlowReaderIT {
    private static final int MIB = 1 << 20;
    private static final int BLOB_MIB = 24;
    private static final String NAMESPACE = "slow";

    JcontainerdHome home;
    EventLoopGroup loop;

    @BeforeAll
    static void needs() {
        Host.assumeRoot();
    }

    @BeforeEach
    void newHome() {
        home = new JcontainerdHome();
        loop = new EpollEventLoopGroup(1);
    }

    @AfterEach
    void removeHome() {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        home.close();
    }

    @Test
    void aClientThatStopsReadingABigBlobHoldsUpNoOtherCall() throws Exception {
        try (DaemonProcess daemon = home.start(home.config(""))) {
            ManagedChannel reader = channel();
            ManagedChannel other = channel();
            try {
                String digest = write(BLOB_MIB * MIB);

                // takes one message, then stops asking: the daemon's sends back up until it must wait
                AtomicInteger received = new AtomicInteger();
                CountDownLatch first = new CountDownLatch(1);
                ClientCall<ReadContentRequest, ReadContentResponse> stalled = namespaced(reader)
                        .newCall(ContentGrpc.getReadMethod(), CallOptions.DEFAULT);
                stalled.start(new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(ReadContentResponse message) {
                        received.incrementAndGet();
                        first.countDown();
                    }
                }, new Metadata());
                stalled.request(1);
                stalled.sendMessage(ReadContentRequest.newBuilder().setDigest(digest).build());
                stalled.halfClose();
                assertThat(first.await(10, TimeUnit.SECONDS)).as("first message of the read").isTrue();

                // inline methods and others, from another connection, while the read waits
                for (int i = 0; i < 5; i++) {
                    assertThat(VersionGrpc.newBlockingStub(other).withDeadlineAfter(2, TimeUnit.SECONDS)
                            .version(Empty.getDefaultInstance()).getVersion()).startsWith("1.6.20+jcontainerd.");
                    assertThat(ContentGrpc.newBlockingStub(namespaced(other)).withDeadlineAfter(2, TimeUnit.SECONDS)
                            .info(InfoRequest.newBuilder().setDigest(digest).build()).getInfo().getSize())
                            .isEqualTo((long) BLOB_MIB * MIB);
                }
                assertThat(received).as("messages taken by the stalled reader").hasValue(1);

                // and once it reads on, the whole blob arrives
                CompletableFuture<Status> closed = new CompletableFuture<>();
                AtomicInteger bytes = new AtomicInteger();
                ClientCall<ReadContentRequest, ReadContentResponse> full = namespaced(reader)
                        .newCall(ContentGrpc.getReadMethod(), CallOptions.DEFAULT);
                full.start(new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(ReadContentResponse message) {
                        bytes.addAndGet(message.getData().size());
                        full.request(1);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        closed.complete(status);
                    }
                }, new Metadata());
                full.request(1);
                full.sendMessage(ReadContentRequest.newBuilder().setDigest(digest).build());
                full.halfClose();
                assertThat(closed.get(30, TimeUnit.SECONDS).isOk()).isTrue();
                assertThat(bytes).hasValue(BLOB_MIB * MIB);
                stalled.cancel("done", null);
            } finally {
                reader.shutdownNow();
                other.shutdownNow();
            }
            assertThat(daemon.stop()).isZero();
        }
    }

    private ManagedChannel channel() {
        return NettyChannelBuilder.forAddress(new DomainSocketAddress(home.socket().toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(loop).usePlaintext()
                .maxInboundMessageSize(16 * MIB).build();
    }

    private static io.grpc.Channel namespaced(ManagedChannel channel) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("containerd-namespace", Metadata.ASCII_STRING_MARSHALLER), NAMESPACE);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** Writes {@code size} random bytes as one blob through our client; {@return its digest} */
    private String write(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(7).nextBytes(data);
        try (ContainerdClient client = ContainerdClient.connect(home.socket().toString(),
                ClientOptions.defaults().withNamespace(NAMESPACE))) {
            return client.content().writeNew("slow-blob", new ByteArrayInputStream(data)).toString();
        }
    }
}
