package io.jcontainerd.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A command left running while a test does other things (e.g. {@code ctr events}), its output
 * collected as it comes, its input optionally streamed by the test. {@link #stop} ends exactly
 * this process (SIGTERM, then SIGKILL) and returns what it printed, {@link #finish} lets it end
 * by itself; {@link #close} stops it for cleanup.
 */
public final class BackgroundProcess implements AutoCloseable {
    private static final long POLL_MILLIS = 20;

    private final List<String> command;
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private BackgroundProcess(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.stdoutReader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), stdout));
        this.stderrReader = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), stderr));
    }

    /** @param environment added to (and overriding) this JVM's environment */
    public static BackgroundProcess start(List<String> command, Map<String, String> environment) {
        return start(command, environment, ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }

    /**
     * Starts {@code command} reading a pipe that the test writes through {@link #stdin} and
     * closes with {@link #finish}: for input too large to keep, streamed as it is made.
     */
    public static BackgroundProcess startPiped(List<String> command) {
        return start(command, Map.of(), ProcessBuilder.Redirect.PIPE);
    }

    private static BackgroundProcess start(List<String> command, Map<String, String> environment,
                                           ProcessBuilder.Redirect stdin) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(stdin);
        builder.environment().putAll(environment);
        try {
            return new BackgroundProcess(List.copyOf(command), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** {@return the standard output so far (UTF-8)} */
    public String stdout() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Waits until the standard output so far satisfies {@code condition}.
     *
     * @throws AssertionError if the process exits or {@code timeout} passes first
     */
    public void awaitStdout(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(stdout())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(command + (process.isAlive() ? " printed no such output within " + timeout
                        : " exited with " + process.exitValue()) + "; so far:\n" + stdout() + "--- stderr\n" + stderr());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The process's standard input; for processes from {@link #startPiped}. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /**
     * Closes the standard input and waits for the process to end by itself.
     *
     * @return its exit code and everything it printed
     * @throws AssertionError if it is still running after {@code timeout} (it is then stopped)
     */
    public ProcessResult finish(Duration timeout) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the process is gone already and left bytes unread: its exit code tells
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            Processes.stop(process);
            throw new AssertionError(command + " did not finish within " + timeout);
        }
        stdoutReader.join();
        stderrReader.join();
        return new ProcessResult(process.exitValue(), stdout(), stderr());
    }

    /**
     * Sends the process SIGTERM and leaves the pipes open, so what it prints while it ends is kept
     * ({@link Process#destroy} closes them); {@link #finish} then waits for the end.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Stops the process and {@return its exit code and everything it printed} */
    public ProcessResult stop() throws InterruptedException {
        Processes.stop(process);
        stdoutReader.join();
        stderrReader.join();
        return new ProcessResult(process.exitValue(), stdout(), stderr());
    }

    private String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream sink) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (sink) {
                    sink.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process is gone; what arrived is kept
        }
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
