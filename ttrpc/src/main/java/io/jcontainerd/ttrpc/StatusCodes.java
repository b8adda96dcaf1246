package io.jcontainerd.ttrpc;

import io.jcontainerd.core.errdefs.ErrorKind;

/**
 * gRPC status codes as plain ints (ttrpc responses carry a {@code google.rpc.Status}), and the one
 * mapping from {@link ErrorKind} to code, as containerd's {@code errdefs.ToGRPC} does it.
 */
public final class StatusCodes {
    public static final int OK = 0;
    public static final int CANCELLED = 1;
    public static final int UNKNOWN = 2;
    public static final int INVALID_ARGUMENT = 3;
    public static final int DEADLINE_EXCEEDED = 4;
    public static final int NOT_FOUND = 5;
    public static final int ALREADY_EXISTS = 6;
    public static final int PERMISSION_DENIED = 7;
    public static final int RESOURCE_EXHAUSTED = 8;
    public static final int FAILED_PRECONDITION = 9;
    public static final int ABORTED = 10;
    public static final int OUT_OF_RANGE = 11;
    public static final int UNIMPLEMENTED = 12;
    public static final int INTERNAL = 13;
    public static final int UNAVAILABLE = 14;
    public static final int DATA_LOSS = 15;
    public static final int UNAUTHENTICATED = 16;

    /** Go's {@code codes.Code} names, indexed by code, for messages that read like upstream's. */
    private static final String[] NAMES = {
        "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound",
        "AlreadyExists", "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted",
        "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated",
    };

    private StatusCodes() {
    }

    /** {@return the status code a {@code kind} of error travels as} */
    public static int of(ErrorKind kind) {
        return switch (kind) {
            case UNKNOWN -> UNKNOWN;
            case INVALID_ARGUMENT -> INVALID_ARGUMENT;
            case NOT_FOUND -> NOT_FOUND;
            case ALREADY_EXISTS -> ALREADY_EXISTS;
            case FAILED_PRECONDITION, CONFLICT, NOT_MODIFIED -> FAILED_PRECONDITION;
            case ABORTED -> ABORTED;
            case OUT_OF_RANGE -> OUT_OF_RANGE;
            case PERMISSION_DENIED -> PERMISSION_DENIED;
            case RESOURCE_EXHAUSTED -> RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> UNAVAILABLE;
            case NOT_IMPLEMENTED -> UNIMPLEMENTED;
            case INTERNAL -> INTERNAL;
            case DATA_LOSS -> DATA_LOSS;
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            case CANCELED -> CANCELLED;
            case DEADLINE_EXCEEDED -> DEADLINE_EXCEEDED;
        };
    }

    /** {@return Go's name for {@code code}, e.g. "NotFound"; "Code(17)" for codes it does not know} */
    public static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "Code(" + code + ")";
    }
}
