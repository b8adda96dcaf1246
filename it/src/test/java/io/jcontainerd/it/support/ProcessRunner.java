package io.jcontainerd.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion, capturing its output, and kills it if it overruns. */
public final class ProcessRunner {
    private final Duration timeout;
    private final Map<String, String> environment;

    /** @param environment added to (and overriding) this JVM's environment */
    public ProcessRunner(Duration timeout, Map<String, String> environment) {
        this.timeout = timeout;
        this.environment = Map.copyOf(environment);
    }

    public ProcessResult run(List<String> command) {
        return run(command, Path.of("/dev/null"));
    }

    /** Runs {@code command} reading {@code stdin}. */
    public ProcessResult run(List<String> command, Path stdin) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(stdin.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        // drain both pipes concurrently so a chatty process cannot block on a full pipe
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Processes.stop(process);
                throw new AssertionError(command + " did not finish within " + timeout);
            }
            return new ProcessResult(process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            Processes.stop(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
