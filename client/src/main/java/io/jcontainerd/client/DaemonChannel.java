package io.jcontainerd.client;

import io.grpc.Channel;
import io.jcontainerd.client.h2.H2Channel;
import io.jcontainerd.client.h2.H2Connection;
import java.time.Duration;

/**
 * A gRPC channel to a daemon's Unix socket that has completed its HTTP/2 handshake, before any
 * per-call settings (namespace, deadlines) are put on it. Dialing is apart from those so that a CLI
 * can dial while it still parses its command line ({@link ContainerdClient#over}).
 */
public final class DaemonChannel implements AutoCloseable {
    private final H2Connection connection;
    private final Channel channel;

    private DaemonChannel(H2Connection connection) {
        this.connection = connection;
        this.channel = new H2Channel(connection);
    }

    /**
     * Dials {@code address} ({@code /path/to.sock} or {@code unix:///path/to.sock}) and waits at
     * most {@code connectTimeout} for the daemon to answer.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException {@code failed to dial "<address>": ...}
     */
    public static DaemonChannel dial(String address, Duration connectTimeout) {
        return new DaemonChannel(new Dialer(SocketAddress.parse(address), connectTimeout).connect());
    }

    Channel channel() {
        return channel;
    }

    /** Ends the calls still open and closes the connection. */
    @Override
    public void close() {
        connection.close();
    }
}
