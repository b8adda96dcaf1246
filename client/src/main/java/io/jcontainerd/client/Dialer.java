package io.jcontainerd.client;

import io.jcontainerd.client.h2.H2Connection;
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
import java.util.concurrent.TimeUnit;

/**
 * Blocks until a connection is ready, the way containerd's Go client dials: a missing socket file is
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

    /** {@return a connection whose server has answered the HTTP/2 handshake} */
    H2Connection connect() {
        SocketChannel socket = awaitSocket();
        H2Connection connection;
        try {
            connection = H2Connection.start(socket);
        } catch (IOException e) {
            close(socket);
            throw transportFailed(e);
        }
        try {
            if (connection.awaitHandshake(remainingNanos())) {
                return connection;
            }
            connection.close();
            throw failed(ErrorKind.DEADLINE_EXCEEDED,
                    ErrorKind.DEADLINE_EXCEEDED.text() + ": timed out waiting for server handshake");
        } catch (IOException e) {
            connection.close();
            throw transportFailed(e);
        } catch (InterruptedException e) {
            connection.close();
            Thread.currentThread().interrupt();
            throw failed(ErrorKind.CANCELED, ErrorKind.CANCELED.text());
        }
    }

    /** {@return the socket connected}: a missing one is waited for, a refused one fails at once */
    private SocketChannel awaitSocket() {
        while (true) {
            SocketChannel socket = null;
            try {
                socket = SocketChannel.open(StandardProtocolFamily.UNIX);
                socket.connect(UnixDomainSocketAddress.of(address.path()));
                return socket;
            } catch (IOException e) {
                close(socket);
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

    private static void close(SocketChannel socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing was sent on it
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

    private ErrdefsException transportFailed(IOException e) {
        return failed(ErrorKind.UNAVAILABLE, "connection error: desc = \"transport: " + goErrno(e) + "\"");
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
