package io.jcontainerd.ctr.commands;

import io.grpc.StatusRuntimeException;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.ctr.text.GoCodes;

/** A failure a command reports as {@code ctr: <message>}, exit code 1. */
public final class CommandException extends RuntimeException {
    public CommandException(String message) {
        super(message);
    }

    /**
     * {@return the failure ctr reports for a call whose error it prints raw, not through errdefs:
     * {@code rpc error: code = Unknown desc = ...}} Errors that did not come from the server are
     * returned as they are.
     */
    public static RuntimeException rawRpcError(ErrdefsException e) {
        return e.getCause() instanceof StatusRuntimeException grpc
                ? new CommandException(GoCodes.rpcError(grpc.getStatus()))
                : e;
    }
}
