package io.jcontainerd.services.grpc;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/** The one translation from our errors to gRPC status, used by every server adapter. */
public final class GrpcErrors {
    private GrpcErrors() {
    }

    public static Status.Code code(ErrorKind kind) {
        return switch (kind) {
            case UNKNOWN -> Status.Code.UNKNOWN;
            case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
            case FAILED_PRECONDITION, CONFLICT, NOT_MODIFIED -> Status.Code.FAILED_PRECONDITION;
            case ABORTED -> Status.Code.ABORTED;
            case OUT_OF_RANGE -> Status.Code.OUT_OF_RANGE;
            case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
            case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case NOT_IMPLEMENTED -> Status.Code.UNIMPLEMENTED;
            case INTERNAL -> Status.Code.INTERNAL;
            case DATA_LOSS -> Status.Code.DATA_LOSS;
            case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case CANCELED -> Status.Code.CANCELLED;
            case DEADLINE_EXCEEDED -> Status.Code.DEADLINE_EXCEEDED;
        };
    }

    /** {@return the status for {@code t}: its errdefs kind if it has one, else by exception type} */
    public static Status toStatus(Throwable t) {
        if (t instanceof StatusRuntimeException e) {
            return e.getStatus();
        }
        if (t instanceof StatusException e) {
            return e.getStatus();
        }
        var errdefs = ErrdefsException.find(t);
        if (errdefs.isPresent()) {
            return Status.fromCode(code(errdefs.get().kind())).withDescription(errdefs.get().getMessage());
        }
        if (t instanceof CancellationException || t instanceof InterruptedException) {
            return Status.CANCELLED.withDescription("context canceled");
        }
        if (t instanceof TimeoutException) {
            return Status.DEADLINE_EXCEEDED.withDescription("context deadline exceeded");
        }
        return Status.UNKNOWN.withDescription(String.valueOf(t.getMessage()));
    }

    public static StatusRuntimeException toException(Throwable t) {
        return toStatus(t).asRuntimeException();
    }
}
