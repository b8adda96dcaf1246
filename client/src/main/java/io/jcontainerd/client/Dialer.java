package io.jcontainerd.client;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Blocks until a channel is ready, the way containerd's Go client dials: a missing socket file is
 * waited for (the daemon may still be starting), a refused connection fails at once, and a socket
 * that never completes the HTTP/2 handshake fails when the connect timeout ends. Error texts
 * follow Go's so that jctr prints what ctr prints.
 */
final class Dialer {
    /** How often a missing socket is looked for again, as containerd's dialer does. */
    private static final long MISSING_SOCKET_RETRY_MILLIS = 10;

    private final SocketAddress address;
    private final long deadlineNanos;

    Dialer(SocketAddress address, Duration connectTimeout) {
        this.address = address;
        this.deadlineNanos = System.nanoTime() + connectTimeout.toNanos();
    }

    /** Waits until the socket accepts connections, then until {@code channel} is READY. */
    void awaitReady(ManagedChannel channel) {
        awaitSocket();
        awaitHandshake(channel);
    }

    private void awaitSocket() {
        while (true) {
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                probe.connect(UnixDomainSocketAddress.of(address.path()));
                return;
            } catch (IOException e) {
                if (Files.exists(address.path())) {
                    throw failed(ErrorKind.UNAVAILABLE, "connection error: desc = \"transport: error while dialing: dial unix "
                            + address.path() + ": connect: " + goErrno(e) + "\"");
                }
            }
            if (remainingNanos() <= 0) {
                throw failed(ErrorKind.DEADLINE_EXCEEDED, ErrorKind.DEADLINE_EXCEEDED.text());
            }
            sleep(Math.min(MISSING_SOCKET_RETRY_MILLIS, TimeUnit.NANOSECONDS.toMillis(remainingNanos()) + 1));
        }
    }

    private void awaitHandshake(ManagedChannel channel) {
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            if (!await(changed)) {
                throw failed(ErrorKind.DEADLINE_EXCEEDED,
                        ErrorKind.DEADLINE_EXCEEDED.text() + ": timed out waiting for server handshake");
            }
            state = channel.getState(true);
        }
    }

    private boolean await(CountDownLatch latch) {
        try {
            return latch.await(Math.max(remainingNanos(), 0), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(ErrorKind.CANCELED, ErrorKind.CANCELED.text());
        }
    }

    private long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(ErrorKind.CANCELED, ErrorKind.CANCELED.text());
        }
    }

    private ErrdefsException failed(ErrorKind kind, String reason) {
        return new ErrdefsException(kind, "failed to dial " + Errdefs.quote(address.given()) + ": " + reason);
    }

    /** The JDK reports strerror text ("Connection refused"); Go prints it lowercased. */
    private static String goErrno(IOException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
