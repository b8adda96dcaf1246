package io.jcontainerd.ctr.text;

import io.grpc.Status;

/** gRPC status codes as Go's {@code codes.Code.String()} names them, which ctr prints. */
public final class GoCodes {
    private static final String[] NAMES = {
        "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists",
        "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange",
        "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated",
    };

    private GoCodes() {
    }

    /** {@return e.g. "NotFound" for 5, "Code(99)" for numbers Go does not know} */
    public static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "Code(" + code + ")";
    }

    /** {@return Go's text for a raw gRPC error: {@code rpc error: code = X desc = Y}} */
    public static String rpcError(Status status) {
        String desc = status.getDescription() == null ? "" : status.getDescription();
        return "rpc error: code = " + name(status.getCode().value()) + " desc = " + desc;
    }
}
