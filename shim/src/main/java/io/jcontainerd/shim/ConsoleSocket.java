package io.jcontainerd.shim;

import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * runc's {@code --console-socket}: a socket in a fresh temporary directory on which runc sends
 * the pty master of a terminal process ({@code SCM_RIGHTS}), received on a thread of its own
 * while runc runs.
 */
final class ConsoleSocket implements AutoCloseable {
    private final Syscalls sys;
    private final Path dir;
    private final Path path;
    private final int listenFd;
    private final CompletableFuture<Integer> master = new CompletableFuture<>();

    private ConsoleSocket(Syscalls sys, Path dir, Path path, int listenFd) {
        this.sys = sys;
        this.dir = dir;
        this.path = path;
        this.listenFd = listenFd;
        Thread.ofPlatform().daemon().name("console-socket").stackSize(256 * 1024).start(() -> {
            try {
                master.complete(sys.receiveFd(listenFd));
            } catch (SyscallException e) {
                master.completeExceptionally(e);
            }
        });
    }

    static ConsoleSocket open(Syscalls sys) throws IOException {
        Path dir = Files.createTempDirectory("pty");
        Path path = dir.resolve("pty.sock");
        try {
            return new ConsoleSocket(sys, dir, path, sys.listenUnix(RawPath.of(path)));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(dir);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /**
     * {@return the pty master runc sent} Call once runc is done: if it never connected, the
     * receiver is let go (we connect and hang up) and this fails.
     */
    int master() throws IOException {
        try {
            return checked(master.get(5, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            try (SocketChannel unblock = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                unblock.connect(UnixDomainSocketAddress.of(path));
            }
            throw new IOException("failed to retrieve console master: runc sent none");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the console master");
        } catch (ExecutionException e) {
            throw new IOException("failed to retrieve console master: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static int checked(int fd) throws IOException {
        if (fd < 0) {
            throw new IOException("failed to retrieve console master: runc sent none");
        }
        return fd;
    }

    @Override
    public void close() throws IOException {
        if (!master.isDone()) {
            try (SocketChannel unblock = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                unblock.connect(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                // the receiver is gone already
            }
        }
        sys.close(listenFd);
        Files.deleteIfExists(path);
        Files.deleteIfExists(dir);
    }
}
