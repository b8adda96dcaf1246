package io.jcontainerd.ctr.commands;

/**
 * A failure urfave/cli treats as an {@code ExitCoder}, such as a child process's non-zero exit:
 * ctr prints the message, if any, without its {@code ctr: } prefix and exits with the code.
 */
public final class ExitStatusException extends RuntimeException {
    private final int exitCode;

    /** A local child process's exit: {@code exit status <code>}, as Go's {@code exec.ExitError}. */
    public ExitStatusException(int exitCode) {
        this("exit status " + exitCode, exitCode);
    }

    private ExitStatusException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** {@return an exit with {@code exitCode} and nothing printed: a task's exit code, as ctr's {@code cli.NewExitError("", code)}} */
    public static ExitStatusException silent(int exitCode) {
        return new ExitStatusException("", exitCode);
    }

    public int exitCode() {
        return exitCode;
    }
}
