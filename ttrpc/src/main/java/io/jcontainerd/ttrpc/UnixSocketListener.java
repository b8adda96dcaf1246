package io.jcontainerd.ttrpc;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** Binds a listening Unix socket at a path, reclaiming the path from a dead server's leftovers. */
final class UnixSocketListener {
    private UnixSocketListener() {
    }

    /**
     * {@return a socket listening at {@code path}, mode 0660}
     *
     * @throws BindException if a live server answers at {@code path}, or another kind of file is there
     */
    static ServerSocketChannel bind(Path path) throws IOException {
        removeIfStale(path);
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            listener.bind(UnixDomainSocketAddress.of(path));
            // 0660 like containerd's own sockets (sys.GetLocalListener); the umask must not decide
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
            return listener;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** A socket file nobody answers on is left over from a crash; anything else is kept. */
    private static void removeIfStale(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isOther()) {
            return; // not a socket: bind will refuse, and the file is not ours to delete
        }
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(path)).close();
        } catch (ConnectException e) {
            Files.deleteIfExists(path);
            return;
        }
        throw addressInUse(path);
    }

    /** Worded like Go's net error, which is what containerd users know. */
    private static BindException addressInUse(Path path) {
        return new BindException("listen unix " + path + ": bind: address already in use");
    }
}
