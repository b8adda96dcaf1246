package io.jcontainerd.daemon.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Preparing and finishing a listening Unix socket path the way containerd does. */
public final class UnixSockets {
    private UnixSockets() {
    }

    /**
     * Creates the parent directory (0711, like containerd's state dir) and removes a stale socket
     * left by a crashed daemon; a socket that still answers belongs to a live daemon and is an error.
     */
    public static void prepare(Path socket) throws IOException {
        if (socket.getParent() != null) {
            Files.createDirectories(socket.getParent());
        }
        if (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IOException("listen " + socket + ": address already in use by a running daemon");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("already in use")) {
                throw e;
            }
            Files.deleteIfExists(socket);
        }
    }

    /** Mode 0660 and the configured owner, so only root and the group may talk to the daemon. */
    public static void secure(Path socket, int uid, int gid) throws IOException {
        Files.setAttribute(socket, "unix:mode", 0660);
        if (uid != 0 || gid != 0) {
            Files.setAttribute(socket, "unix:uid", uid);
            Files.setAttribute(socket, "unix:gid", gid);
        }
    }
}
