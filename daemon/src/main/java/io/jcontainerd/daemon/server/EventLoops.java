package io.jcontainerd.daemon.server;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Netty's epoll event loop for the gRPC server: one thread both accepts connections and serves
 * them, so a new connection (every ctr command makes one) is set up where it was accepted rather
 * than handed to another thread. Creating it loads the native transport and initialises Netty,
 * the costliest part of startup, so {@link #warmUp()} starts that on its own thread at launch, in
 * parallel with config and plugin loading.
 */
public final class EventLoops implements AutoCloseable {
    private final EpollEventLoopGroup loop;

    private EventLoops(EpollEventLoopGroup loop) {
        this.loop = loop;
    }

    public static CompletableFuture<EventLoops> warmUp() {
        CompletableFuture<EventLoops> f = new CompletableFuture<>();
        Thread.ofPlatform().name("netty-warmup").daemon().start(() -> {
            try {
                EventLoops loops = new EventLoops(new EpollEventLoopGroup(1));
                // loads the server builder's class graph while the main thread is busy elsewhere
                NettyServerBuilder.class.getName();
                f.complete(loops);
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** {@return the warmed-up loops, or the reason the epoll transport is unusable} */
    public static EventLoops await(CompletableFuture<EventLoops> warming) throws java.io.IOException {
        try {
            return warming.get();
        } catch (ExecutionException e) {
            throw new java.io.IOException("epoll transport unavailable: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted while starting the event loops", e);
        }
    }

    EpollEventLoopGroup loop() {
        return loop;
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
