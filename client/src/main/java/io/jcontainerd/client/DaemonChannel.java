package io.jcontainerd.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC channel to a daemon's Unix socket that has completed its HTTP/2 handshake, before any
 * per-call settings (namespace, deadlines) are put on it. Dialing is apart from those so that a CLI
 * can dial while it still parses its command line ({@link ContainerdClient#over}).
 */
public final class DaemonChannel implements AutoCloseable {
    /** containerd's default maximum message size (16 MiB) instead of grpc-java's 4 MiB. */
    private static final int MAX_MESSAGE_BYTES = 16 << 20;
    private static final long CLOSE_WAIT_MILLIS = 1000;

    static {
        // Netty would probe for SLF4J, Log4j 2 and Log4j (failed class loads, ~20 exceptions) first
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }

    private final EventLoopGroup eventLoop;
    private final ManagedChannel channel;

    private DaemonChannel(EventLoopGroup eventLoop, ManagedChannel channel) {
        this.eventLoop = eventLoop;
        this.channel = channel;
    }

    /**
     * Dials {@code address} ({@code /path/to.sock} or {@code unix:///path/to.sock}) and waits at
     * most {@code connectTimeout} for the daemon to answer.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException {@code failed to dial "<address>": ...}
     */
    public static DaemonChannel dial(String address, Duration connectTimeout) {
        SocketAddress socket = SocketAddress.parse(address);
        // one epoll thread (Netty 4.2's form of EpollEventLoopGroup(1)); a daemon thread, so a CLI
        // can exit even if close() is never reached
        EventLoopGroup eventLoop = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("containerd-client", true), EpollIoHandler.newFactory());
        NettyChannelBuilder builder = NettyChannelBuilder
                .forAddress(new DomainSocketAddress(socket.path().toString()))
                .eventLoopGroup(eventLoop)
                .channelType(EpollDomainSocketChannel.class)
                // grpc-java asks for TCP keepalive, which Netty rejects on Unix sockets with a warning
                .withOption(ChannelOption.SO_KEEPALIVE, null)
                .usePlaintext()
                .overrideAuthority("localhost")
                .directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES);
        // no OpenCensus: grpc-java would look for it (and Android) by reflection on every start
        InternalNettyChannelBuilder.setStatsEnabled(builder, false);
        InternalNettyChannelBuilder.setTracingEnabled(builder, false);
        ManagedChannel channel = builder.build();
        DaemonChannel dialed = new DaemonChannel(eventLoop, channel);
        try {
            new Dialer(socket, connectTimeout).awaitReady(channel);
            return dialed;
        } catch (RuntimeException e) {
            dialed.close();
            throw e;
        }
    }

    ManagedChannel channel() {
        return channel;
    }

    /** Closes the channel and lets its event loop thread end. */
    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            eventLoop.shutdownGracefully(0, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
