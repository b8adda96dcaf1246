package io.jcontainerd.ctr.commands;

import java.io.IOException;

/** A runnable jctr command (a leaf of the command tree), parsed by picocli, run by the app. */
public interface CtrCommand {
    /**
     * Runs the command.
     *
     * @return the exit code
     * @throws CommandException or {@link io.jcontainerd.core.errdefs.ErrdefsException} to fail
     *     with {@code ctr: <message>} and exit code 1
     * @throws IOException likewise, for local files and streams
     */
    int run(CommandContext context) throws IOException;
}
