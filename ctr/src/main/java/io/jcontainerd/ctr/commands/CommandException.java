package io.jcontainerd.ctr.commands;

/** A failure a command reports as {@code ctr: <message>}, exit code 1. */
public final class CommandException extends RuntimeException {
    public CommandException(String message) {
        super(message);
    }
}
