package io.jcontainerd.core.errdefs;

/**
 * The closed set of error classes a caller can act on, after containerd's errdefs. Each maps to
 * exactly one gRPC status code at the API edge; the names follow the codes they become.
 */
public enum ErrorKind {
    UNKNOWN("unknown"),
    INVALID_ARGUMENT("invalid argument"),
    NOT_FOUND("not found"),
    ALREADY_EXISTS("already exists"),
    FAILED_PRECONDITION("failed precondition"),
    /** Upstream's ErrConflict; surfaces as FAILED_PRECONDITION like containerd. */
    CONFLICT("conflict"),
    /** Upstream's ErrNotModified; surfaces as FAILED_PRECONDITION like containerd. */
    NOT_MODIFIED("not modified"),
    ABORTED("aborted"),
    OUT_OF_RANGE("out of range"),
    PERMISSION_DENIED("permission denied"),
    RESOURCE_EXHAUSTED("resource exhausted"),
    UNAVAILABLE("unavailable"),
    NOT_IMPLEMENTED("not implemented"),
    INTERNAL("internal"),
    DATA_LOSS("data loss"),
    UNAUTHENTICATED("unauthenticated"),
    CANCELED("context canceled"),
    DEADLINE_EXCEEDED("context deadline exceeded");

    private final String text;

    ErrorKind(String text) {
        this.text = text;
    }

    /** {@return the sentinel text containerd appends to wrapped errors, e.g. "not found"} */
    public String text() {
        return text;
    }
}
