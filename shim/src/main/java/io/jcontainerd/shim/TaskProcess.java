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
    ProcessIo io;
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

    void setExited(int status, Instant at) {
        this.status = ProcessStatus.STOPPED;
        this.exitStatus = status;
        this.exitedAt = at;
        if (io != null) {
            io.close();
        }
        exited.complete(null);
    }

    CompletableFuture<Void> exited() {
        return exited;
    }
}
