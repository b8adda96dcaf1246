package io.jcontainerd.ctr.commands;

import io.jcontainerd.client.ClientOptions;
import io.jcontainerd.client.DaemonChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The daemon dialed on a second thread while the main one builds and parses the command line: a
 * cold JVM spends about as long on each (Netty's and gRPC's first use against picocli's model), so
 * doing both at once takes a short command's start down by the shorter of the two. The command
 * takes the channel only if the parsed global flags name the same address and connect timeout.
 */
public final class DialAhead implements AutoCloseable {
    /** Nothing dialed: every command dials for itself. */
    public static final DialAhead NONE = new DialAhead("", Duration.ZERO, null);

    private final String address;
    private final Duration connectTimeout;
    private final CompletableFuture<DaemonChannel> dialing;
    private boolean settled;

    private DialAhead(String address, Duration connectTimeout, CompletableFuture<DaemonChannel> dialing) {
        this.address = address;
        this.connectTimeout = connectTimeout;
        this.dialing = dialing;
    }

    /** @param connectTimeout as the flag gives it: zero for the client's default */
    public static DialAhead start(String address, Duration connectTimeout) {
        CompletableFuture<DaemonChannel> dialing = new CompletableFuture<>();
        Duration effective = ClientOptions.defaults().withConnectTimeout(connectTimeout).effectiveConnectTimeout();
        Thread.ofPlatform().daemon().name("dial-ahead").start(() -> {
            try {
                dialing.complete(DaemonChannel.dial(address, effective));
            } catch (RuntimeException e) {
                dialing.completeExceptionally(e);
            }
        });
        return new DialAhead(address, connectTimeout, dialing);
    }

    /**
     * {@return the channel dialed ahead if it was dialed for {@code address} and
     * {@code connectTimeout}, once the dial ends}; a failed dial fails here as the command's own
     * would have
     */
    public Optional<DaemonChannel> take(String address, Duration connectTimeout) {
        synchronized (this) {
            if (dialing == null || settled || !this.address.equals(address) || !this.connectTimeout.equals(connectTimeout)) {
                return Optional.empty();
            }
            settled = true;
        }
        try {
            return Optional.of(dialing.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** Closes the channel if no command took it (now, or when its dial ends). */
    @Override
    public void close() {
        synchronized (this) {
            if (dialing == null || settled) {
                return;
            }
            settled = true;
        }
        dialing.thenAccept(DaemonChannel::close);
    }
}
