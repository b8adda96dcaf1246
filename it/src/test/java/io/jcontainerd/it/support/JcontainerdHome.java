package io.jcontainerd.it.support;

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
public final class JcontainerdHome implements AutoCloseable {
    public static final Path CTR = Path.of("/usr/bin/ctr");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final ProcessRunner runner = new ProcessRunner(TIMEOUT, Map.of());
    private final Path dir;

    public JcontainerdHome() {
        dir = TempDirs.create("jcd-it-");
    }

    public Path dir() {
        return dir;
    }

    public Path socket() {
        return dir.resolve("c.sock");
    }

    public Path root() {
        return dir.resolve("root");
    }

    /**
     * Writes config.toml: the paths of this home with {@code extra} TOML in between, so extra may
     * hold top-level keys as well as tables.
     */
    public Path config(String extra) {
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
    public DaemonProcess start(Path config) {
        return startWith("--config", config.toString());
    }

    /** Starts the daemon with these flags (which must put its socket at {@link #socket()}). */
    public DaemonProcess startWith(String... args) {
        List<String> command = new ArrayList<>(List.of(DaemonInstance.jcontainerdLauncher().toString()));
        command.addAll(List.of(args));
        return DaemonProcess.start(command, socket(), dir.resolve("daemon.log"), TIMEOUT);
    }

    /** Runs bin/jcontainerd to completion (for commands and for starts that must fail). */
    public ProcessResult jcontainerd(String... args) {
        List<String> command = new ArrayList<>(List.of(DaemonInstance.jcontainerdLauncher().toString()));
        command.addAll(List.of(args));
        return runner.run(command);
    }

    public ProcessResult ctr(String... args) {
        return runner.run(ctrCommand(args));
    }

    /** Runs our jctr ({@code bin/jctr}) against this home's socket. */
    public ProcessResult jctr(String... args) {
        List<String> command = new ArrayList<>(List.of(Host.home().resolve("bin/jctr").toString(), "-a", socket().toString()));
        command.addAll(List.of(args));
        return runner.run(command);
    }

    /** Runs Debian's ctr with {@code args}, its standard input read from {@code stdin}. */
    public ProcessResult ctrReading(Path stdin, String... args) {
        return runner.run(ctrCommand(args), stdin);
    }

    /** {@return the command line of Debian's ctr with {@code args}, against this home's socket} */
    public List<String> ctrCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(CTR.toString(), "-a", socket().toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public void close() {
        TempDirs.delete(dir);
    }
}
