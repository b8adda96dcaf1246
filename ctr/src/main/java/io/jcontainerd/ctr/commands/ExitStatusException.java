package io.jcontainerd.ctr.commands;

/**
 * A failure urfave/cli treats as an {@code ExitCoder}, such as a child process's non-zero exit:
 * ctr prints the message without its {@code ctr: } prefix and exits with the child's code.
 */
public final class ExitStatusException extends RuntimeException {
    private final int exitCode;

    public ExitStatusException(int exitCode) {
        super("exit status " + exitCode);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
