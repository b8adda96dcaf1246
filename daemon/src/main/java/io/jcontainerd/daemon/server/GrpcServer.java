package io.jcontainerd.daemon.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.jcontainerd.daemon.config.DaemonConfig.GrpcConfig;
import io.jcontainerd.services.grpc.RequestLease;
import io.jcontainerd.services.grpc.RequestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The containerd API on a Unix socket: grpc-java over Netty's epoll domain-socket transport, every
 * call handled on its own virtual thread (or inline, for the few a service declares so; see
 * {@link CallPlacement}) with the namespace header in its context.
 */
public final class GrpcServer implements AutoCloseable {
    /**
     * grpc-java's starting window, fixed: tuning it to the bandwidth-delay product cost a PING to
     * each client after every request it sent, which its client answered, and a Unix socket's
     * delay is too small for the window ever to grow. Pulls through ctr measured the same.
     */
    private static final int FLOW_CONTROL_WINDOW_BYTES = 1 << 20;

    private final Path socket;
    private final Server server;
    private final EventLoops loops;
    private final ExecutorService calls;
    private final CallActivity activity;

    private GrpcServer(Path socket, Server server, EventLoops loops, ExecutorService calls, CallActivity activity) {
        this.socket = socket;
        this.server = server;
        this.loops = loops;
        this.calls = calls;
        this.activity = activity;
    }

    /** Serves {@code services} on {@code config.address()}; owns {@code loops} from then on. */
    public static GrpcServer start(GrpcConfig config, List<BindableService> services, EventLoops loops)
            throws IOException {
        Path socket = Path.of(config.address());
        UnixSockets.prepare(socket);
        ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
        CallActivity activity = new CallActivity();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(loops.loop())
                .workerEventLoopGroup(loops.loop())
                .directExecutor()
                .callExecutor(CallPlacement.of(services, calls))
                .maxInboundMessageSize(config.maxRecvMessageSize())
                .flowControlWindow(FLOW_CONTROL_WINDOW_BYTES)
                .intercept(RequestNamespace.interceptor()).intercept(RequestLease.interceptor()).intercept(activity);
        for (BindableService s : services) {
            builder.addService(s);
        }
        Server server = builder.build();
        try {
            server.start();
            UnixSockets.secure(socket, config.uid(), config.gid());
        } catch (IOException e) {
            server.shutdownNow();
            loops.close();
            calls.shutdownNow();
            throw new IOException("serve grpc on " + socket + ": " + e.getMessage(), e);
        }
        return new GrpcServer(socket, server, loops, calls, activity);
    }

    public Path socket() {
        return socket;
    }

    /** {@return how busy clients keep this server} */
    public CallActivity activity() {
        return activity;
    }

    /** Stops accepting, lets running calls finish for up to {@code graceMillis}, then cancels them. */
    public void stop(long graceMillis) {
        server.shutdown();
        try {
            if (!server.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        loops.close();
        calls.shutdownNow();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // the next start removes a stale socket anyway
        }
    }

    @Override
    public void close() {
        stop(5_000);
    }
}
