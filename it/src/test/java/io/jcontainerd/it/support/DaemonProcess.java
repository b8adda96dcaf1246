package io.jcontainerd.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A daemon started from a command line, considered up once its Unix socket accepts connections.
 * Its output goes to a log file, quoted when it fails to come up. {@link #close} stops exactly
 * this process.
 */
public final class DaemonProcess implements AutoCloseable {
    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final Path socket;
    private final Path log;

    private DaemonProcess(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /**
     * Starts {@code command} and waits until {@code socket} answers.
     *
     * @param log receives the daemon's stdout and stderr
     * @throws AssertionError if the daemon exits or its socket stays silent past {@code startTimeout}
     */
    public static DaemonProcess start(List<String> command, Path socket, Path log, Duration startTimeout) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // our shim (runtime io.containerd.jrunc.v2) is found on PATH, as containerd resolves shims
            builder.environment().merge("PATH", Host.home().resolve("bin").toString(), (path, bin) -> bin + ":" + path);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        DaemonProcess daemon = new DaemonProcess(process, socket, log);
        daemon.awaitSocket(startTimeout);
        return daemon;
    }

    public Path socket() {
        return socket;
    }

    private void awaitSocket(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answers(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "no answer on " + socket + " within " + timeout
                        : "exited with " + process.exitValue();
                close();
                throw new AssertionError("daemon " + why + "; its log:\n" + logText());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + socket, e);
            }
        }
    }

    private static boolean answers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@return what the daemon has logged so far} */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Sends SIGTERM (SIGKILL after a grace period) and {@return the exit code} */
    public int stop() {
        Processes.stop(process);
        return process.exitValue();
    }

    /**
     * Crashes the daemon: SIGKILL to its PID ({@code kill -9}, no shutdown hook runs), then waits
     * until it is gone, so that its files are as a crash leaves them.
     */
    public void kill() {
        try {
            if (!process.destroyForcibly().waitFor(Processes.GRACE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("daemon " + process.pid() + " still alive after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for daemon " + process.pid() + " to die", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
