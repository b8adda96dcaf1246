package io.jcontainerd.ttrpc;

import com.google.rpc.Status;

/**
 * A call that ended with a non-OK status. Clients receive it from {@link TtrpcClient}; handlers
 * may throw it to answer with a specific code. The message reads like Go's status errors
 * ({@code rpc error: code = NotFound desc = ...}), which is what containerd prints.
 */
public final class TtrpcStatusException extends RuntimeException {
    private final int code;
    private final String description;

    public TtrpcStatusException(int code, String description) {
        super("rpc error: code = " + StatusCodes.name(code) + " desc = " + description);
        this.code = code;
        this.description = description;
    }

    /** {@return the status code, one of {@link StatusCodes}} */
    public int code() {
        return code;
    }

    /** {@return the status message as the server wrote it} */
    public String description() {
        return description;
    }

    static TtrpcStatusException of(Status status) {
        return new TtrpcStatusException(status.getCode(), status.getMessage());
    }

    Status toStatus() {
        return Status.newBuilder().setCode(code).setMessage(description).build();
    }
}
