package io.jcontainerd.shim;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A container's init process (id = the container's id) or one of its execs: stdio, pid once
 * runc made it, status, and how it ended. Guarded by its {@link Container}'s lock, except
 * {@link #exited()}, which waiters block on.
 */
final class TaskProcess {
    final String id;
    final String execId;
    final Stdio stdio;
    /** Without a terminal: the FIFOs and the stdin pipe. */
    ProcessIo io;
    /** With a terminal: the pty master and its copies. */
    TerminalIo console;
    int pid;
    ProcessStatus status = ProcessStatus.CREATED;
    int exitStatus;
    Instant exitedAt;
    private final CompletableFuture<Void> exited = new CompletableFuture<>();

    /** The paths the client gave: FIFOs or empty. */
    record Stdio(String stdin, String stdout, String stderr, boolean terminal) {
    }

    TaskProcess(String id, String execId, Stdio stdio) {
        this.id = id;
        this.execId = execId;
        this.stdio = stdio;
    }

    boolean isInit() {
        return execId.isEmpty();
    }

    /** Output still in flight is read before the exit is told (a terminal's, bounded). */
    void awaitOutput() {
        if (console != null) {
            console.awaitDrained();
        }
    }

    /** {@code CloseIO}: the process's input ends. */
    void closeStdin() {
        if (io != null) {
            io.closeStdin();
        }
        if (console != null) {
            console.closeStdin();
        }
    }

    void closeIo() {
        if (io != null) {
            io.close();
        }
        if (console != null) {
            console.close();
        }
    }

    /** The process is deleted (or was never made): its IO goes, a logging program included. */
    void released() {
        closeIo();
        if (io != null) {
            io.released();
        }
    }

    void setExited(int status, Instant at) {
        this.status = ProcessStatus.STOPPED;
        this.exitStatus = status;
        this.exitedAt = at;
        closeIo();
        exited.complete(null);
    }

    CompletableFuture<Void> exited() {
        return exited;
    }
}
