package io.jcontainerd.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A containerd-compatible daemon (Debian's containerd, or ours) on its own temporary root, state,
 * socket and opt directories, with CRI and every listener but the gRPC socket turned off. Both
 * read the same config file. {@link #close} stops it and deletes the directory.
 */
public final class DaemonInstance implements AutoCloseable {
    public static final Path CONTAINERD = Path.of("/usr/bin/containerd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final DaemonProcess daemon;

    private DaemonInstance(Path dir, DaemonProcess daemon) {
        this.dir = dir;
        this.daemon = daemon;
    }

    /** Starts Debian's containerd. */
    public static DaemonInstance containerd() {
        return start("jcd-containerd-", List.of(CONTAINERD.toString()));
    }

    /** Starts our daemon through its launcher, {@code bin/jcontainerd}. */
    public static DaemonInstance jcontainerd() {
        return start("jcd-jcontainerd-", List.of(jcontainerdLauncher().toString()));
    }

    public static Path jcontainerdLauncher() {
        return Host.home().resolve("bin/jcontainerd");
    }

    private static DaemonInstance start(String prefix, List<String> program) {
        Path dir;
        try {
            dir = TempDirs.create(prefix);
            Path config = dir.resolve("config.toml");
            Files.writeString(config, config(dir));
            Path socket = dir.resolve("containerd.sock");
            List<String> command = new java.util.ArrayList<>(program);
            command.addAll(List.of("--config", config.toString()));
            DaemonProcess daemon = DaemonProcess.start(command, socket, dir.resolve("daemon.log"), START_TIMEOUT);
            return new DaemonInstance(dir, daemon);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(Path dir) {
        return """
                version = 2
                root = "%1$s/root"
                state = "%1$s/state"
                disabled_plugins = ["io.containerd.grpc.v1.cri"]

                [grpc]
                  address = "%1$s/containerd.sock"

                [ttrpc]
                  address = ""

                [debug]
                  address = ""

                [metrics]
                  address = ""

                [plugins."io.containerd.internal.v1.opt"]
                  path = "%1$s/opt"
                """.formatted(dir);
    }

    /** {@return the directory holding this instance's config, root, state, socket and log} */
    public Path dir() {
        return dir;
    }

    public Path socket() {
        return daemon.socket();
    }

    /** {@return what the daemon has logged so far} */
    public String logText() {
        return daemon.logText();
    }

    @Override
    public void close() {
        daemon.close();
        TempDirs.delete(dir);
    }
}
