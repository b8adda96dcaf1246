package io.jcontainerd.it.daemon;

import io.jcontainerd.it.support.DaemonInstance;
import io.jcontainerd.it.support.DaemonProcess;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import io.jcontainerd.it.support.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A temp directory for one of our daemons with a config of the test's choosing: root, state and
 * socket live inside it. Starts bin/jcontainerd on it, runs Debian's ctr against it, deletes it.
 */
final class JcontainerdHome implements AutoCloseable {
    static final Path CTR = Path.of("/usr/bin/ctr");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final ProcessRunner runner = new ProcessRunner(TIMEOUT, Map.of());
    private final Path dir;

    JcontainerdHome() {
        dir = TempDirs.create("jcd-it-");
    }

    Path dir() {
        return dir;
    }

    Path socket() {
        return dir.resolve("c.sock");
    }

    Path root() {
        return dir.resolve("root");
    }

    /**
     * Writes config.toml: the paths of this home with {@code extra} TOML in between, so extra may
     * hold top-level keys as well as tables.
     */
    Path config(String extra) {
        Path config = dir.resolve("config.toml");
        String text = """
                version = 2
                root = "%s"
                state = "%s"
                %s
                [grpc]
                  address = "%s"
                """.formatted(root(), dir.resolve("state"), extra, socket());
        try {
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    /** Starts the daemon on {@code config} and waits until its socket answers. */
    DaemonProcess start(Path config) {
        return startWith("--config", config.toString());
    }

    /** Starts the daemon with these flags (which must put its socket at {@link #socket()}). */
    DaemonProcess startWith(String... args) {
        List<String> command = new ArrayList<>(List.of(DaemonInstance.jcontainerdLauncher().toString()));
        command.addAll(List.of(args));
        return DaemonProcess.start(command, socket(), dir.resolve("daemon.log"), TIMEOUT);
    }

    /** Runs bin/jcontainerd to completion (for commands and for starts that must fail). */
    ProcessResult jcontainerd(String... args) {
        List<String> command = new ArrayList<>(List.of(DaemonInstance.jcontainerdLauncher().toString()));
        command.addAll(List.of(args));
        return runner.run(command);
    }

    ProcessResult ctr(String... args) {
        List<String> command = new ArrayList<>(List.of(CTR.toString(), "-a", socket().toString()));
        command.addAll(List.of(args));
        return runner.run(command);
    }

    @Override
    public void close() {
        TempDirs.delete(dir);
    }
}
