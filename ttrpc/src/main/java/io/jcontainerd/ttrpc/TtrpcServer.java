package io.jcontainerd.ttrpc;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves {@link TtrpcService}s on a Unix socket. Every connection and every request gets its own
 * virtual thread; responses on a connection are written one whole frame at a time.
 *
 * <p>{@link #close()} stops accepting, closes all connections, interrupts running handlers and
 * waits for every thread to end, then removes the socket file {@link #listen} created.
 *
 * <p>The accept loop runs on its own thread, which is never interrupted: an interrupt that lands
 * while {@code accept()} completes makes it throw {@link java.nio.channels.ClosedByInterruptException}
 * and lose the just accepted socket, left open for good, so that client would wait forever.
 */
public final class TtrpcServer implements Closeable {
    private static final System.Logger LOG = System.getLogger(TtrpcServer.class.getName());
    /** Pause after a failed accept (e.g. out of file descriptors) before trying again. */
    private static final Duration ACCEPT_RETRY_PAUSE = Duration.ofMillis(100);

    /** Bound on this server's own threads, so {@link #close()} can refuse to wait for itself. */
    private static final ScopedValue<TtrpcServer> RUNNING_IN = ScopedValue.newInstance();

    private final ServiceTable services = new ServiceTable();
    private final ExecutorService threads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ttrpc-server-", 0).factory());
    private final Executor ownThreads = task -> threads.execute(() -> ScopedValue.where(RUNNING_IN, this).run(task));
    /** Open accepted connections, closed explicitly by {@link #close()}. */
    private final Set<FrameChannel> connections = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel listener;
    private Thread acceptor;
    private Path socketFile;
    private boolean closed;

    /**
     * Adds a service; may be called before or while serving.
     *
     * @throws IllegalStateException if a service of the same name is registered
     */
    public TtrpcServer register(TtrpcService service) {
        services.register(service);
        return this;
    }

    /**
     * Binds a socket at {@code socketPath} (mode 0660) and serves on it. A socket file left there by
     * a dead server is replaced.
     *
     * @throws java.net.BindException if a live server already answers at {@code socketPath}
     */
    public synchronized void listen(Path socketPath) throws IOException {
        ensureIdle();
        serve(UnixSocketListener.bind(socketPath));
        socketFile = socketPath;
    }

    /**
     * Serves on an already bound listener, e.g. one inherited from a parent process; it is closed
     * with the server, its socket file is left alone.
     */
    public synchronized void serve(ServerSocketChannel boundListener) {
        ensureIdle();
        listener = boundListener;
        acceptor = Thread.ofVirtual().name("ttrpc-server-accept").start(this::acceptLoop);
    }

    /**
     * Stops serving and waits for all connection and handler threads to end.
     *
     * @throws IllegalStateException if called from a handler, which would wait for itself; a
     *     shutdown method should hand the close to another thread
     */
    @Override
    public void close() throws IOException {
        if (RUNNING_IN.isBound() && RUNNING_IN.get() == this) {
            throw new IllegalStateException("ttrpc: server closed from its own handler would wait for itself");
        }
        Thread accepting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (listener != null) {
                listener.close();
            }
            accepting = acceptor;
        }
        // the closed listener ends the loop; once it has, no connection can be added any more, and
        // the listener's socket is really closed, which resets connections left in its backlog
        if (accepting != null) {
            joinUninterruptibly(accepting);
        }
        connections.forEach(TtrpcServer::closeQuietly);
        // interrupts handlers; each connection thread ends on its closed socket
        threads.shutdownNow();
        threads.close();
        if (socketFile != null) {
            Files.deleteIfExists(socketFile);
        }
    }

    private void ensureIdle() {
        if (closed) {
            throw new IllegalStateException("ttrpc: server closed");
        }
        if (listener != null) {
            throw new IllegalStateException("ttrpc: server already serving");
        }
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel socket;
            try {
                socket = listener.accept();
            } catch (ClosedChannelException e) {
                return; // closed by close()
            } catch (IOException e) {
                LOG.log(Level.WARNING, "ttrpc: failed accept; retrying in " + ACCEPT_RETRY_PAUSE, e);
                if (!pause()) {
                    return;
                }
                continue;
            }
            FrameChannel channel = new FrameChannel(socket);
            connections.add(channel);
            ServerConnection connection = new ServerConnection(channel, services, ownThreads);
            try {
                ownThreads.execute(() -> {
                    try {
                        connection.serve();
                    } finally {
                        connections.remove(channel);
                    }
                });
            } catch (RejectedExecutionException e) {
                closeQuietly(channel);
                return;
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_PAUSE);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(FrameChannel connection) {
        try {
            connection.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "ttrpc: closing connection", e);
        }
    }
}
