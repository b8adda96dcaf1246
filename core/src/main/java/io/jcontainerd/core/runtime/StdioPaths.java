package io.jcontainerd.core.runtime;

/** Where a process's stdio goes (FIFO paths or a logging URI the client chose) and whether it has a terminal. */
public record StdioPaths(String stdin, String stdout, String stderr, boolean terminal) {
    public StdioPaths {
        stdin = stdin == null ? "" : stdin;
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }
}
