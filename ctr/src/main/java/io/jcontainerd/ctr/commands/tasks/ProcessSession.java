package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.client.ExitStatus;
import io.jcontainerd.client.cio.ProcessIo;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.ExitStatusException;
import io.jcontainerd.sys.Terminal;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The part ctr's {@code run}, {@code tasks start}, {@code exec} and {@code attach} share once a
 * process exists: wait for it (asked before the start, so no exit is missed), start it, then
 * until it exits relay the terminal's size or forward our signals; finally let its output drain,
 * delete it and exit with its code.
 */
public final class ProcessSession {
    private final CommandContext context;
    private final TaskProcess process;
    private final ProcessIo io;
    private final Terminal terminal;

    /** @param terminal the local terminal in raw mode, or null when the process has none */
    public ProcessSession(CommandContext context, TaskProcess process, ProcessIo io, Terminal terminal) {
        this.context = context;
        this.process = process;
        this.io = io;
        this.terminal = terminal;
    }

    /**
     * Starts the created process; detached, returns once it runs, else waits for its exit.
     *
     * @param pidFile where to write {@code pid} first (empty: nowhere), as {@code --pid-file}
     * @return 0
     * @throws ExitStatusException with the process's exit code when it is not 0
     */
    public int start(boolean detach, String pidFile, int pid) throws IOException {
        CompletableFuture<ExitStatus> exit = detach ? null : awaitExit();
        try {
            if (!pidFile.isEmpty()) {
                writePidFile(Path.of(pidFile), pid);
            }
            if (terminal != null) {
                // ctr sizes the pty only after the start; sizing it in between (the shim allows it in
                // the created state) spares the process a moment of 0x0 a fast shell would see
                TerminalResizer.resize(terminal, process, context.log());
            }
            process.start();
        } catch (IOException | RuntimeException e) {
            io.close();
            if (!detach) {
                deleteQuietly();
            }
            throw e;
        }
        return detach ? 0 : relayUntilExit(exit);
    }

    /** Attaches to a process that already runs: waits for its exit and relays meanwhile. */
    public int attach() throws IOException {
        return relayUntilExit(awaitExit());
    }

    private CompletableFuture<ExitStatus> awaitExit() {
        CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("task-wait").start(() -> {
            try {
                exit.complete(process.awaitExit());
            } catch (RuntimeException e) {
                exit.completeExceptionally(e);
            }
        });
        return exit;
    }

    private int relayUntilExit(CompletableFuture<ExitStatus> exit) throws IOException {
        ExitStatus status;
        Relay relay = terminal != null
                ? TerminalResizer.start(terminal, process, context.log())
                : SignalForwarder.forward(process, context.log());
        try {
            status = exit.join();
            io.awaitOutput();
        } catch (CompletionException e) {
            deleteQuietly();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the task");
        } finally {
            relay.close();
        }
        process.delete();
        io.close();
        if (status.code() != 0) {
            throw ExitStatusException.silent(status.code());
        }
        return 0;
    }

    private void deleteQuietly() {
        try {
            process.delete();
        } catch (ErrdefsException e) {
            // as ctr's deferred Delete: the error that brought us here is the one reported
        }
    }

    /** ctr's {@code WritePidFile}: a hidden temporary file next to the target, renamed over it. */
    private static void writePidFile(Path path, int pid) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName());
        Files.writeString(temp, Integer.toString(pid), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.SYNC);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
