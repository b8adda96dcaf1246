package io.jcontainerd.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.function.Supplier;

/** The one place where gRPC failures become {@link ErrdefsException}s. */
public final class GrpcErrors {
    private GrpcErrors() {
    }

    /**
     * Maps the status code to its {@link ErrorKind} and phrases the message like containerd's
     * {@code errdefs.FromGRPC}: the server's description ending in exactly one {@code ": <kind>"}
     * (e.g. {@code namespace "x": not found}), so printed errors read as they do with ctr.
     */
    public static ErrdefsException toErrdefs(StatusRuntimeException e) {
        Status status = e.getStatus();
        ErrorKind kind = kindOf(status.getCode());
        return new ErrdefsException(kind, rebase(status.getDescription(), kind.text()), e);
    }

    /** Runs a blocking stub call, translating its failure. */
    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw toErrdefs(e);
        }
    }

    static ErrorKind kindOf(Status.Code code) {
        return switch (code) {
            case CANCELLED -> ErrorKind.CANCELED;
            case INVALID_ARGUMENT -> ErrorKind.INVALID_ARGUMENT;
            case DEADLINE_EXCEEDED -> ErrorKind.DEADLINE_EXCEEDED;
            case NOT_FOUND -> ErrorKind.NOT_FOUND;
            case ALREADY_EXISTS -> ErrorKind.ALREADY_EXISTS;
            case PERMISSION_DENIED -> ErrorKind.PERMISSION_DENIED;
            case RESOURCE_EXHAUSTED -> ErrorKind.RESOURCE_EXHAUSTED;
            case FAILED_PRECONDITION -> ErrorKind.FAILED_PRECONDITION;
            case ABORTED -> ErrorKind.ABORTED;
            case OUT_OF_RANGE -> ErrorKind.OUT_OF_RANGE;
            case UNIMPLEMENTED -> ErrorKind.NOT_IMPLEMENTED;
            case INTERNAL -> ErrorKind.INTERNAL;
            case UNAVAILABLE -> ErrorKind.UNAVAILABLE;
            case DATA_LOSS -> ErrorKind.DATA_LOSS;
            case UNAUTHENTICATED -> ErrorKind.UNAUTHENTICATED;
            // OK never reaches here as a failure; treat it like any unclassified error
            case OK, UNKNOWN -> ErrorKind.UNKNOWN;
        };
    }

    /** Strips one trailing {@code ": <kind>"} from the description and appends it again. */
    private static String rebase(String description, String kindText) {
        String desc = description == null ? "" : description;
        if (desc.equals(kindText)) {
            return kindText;
        }
        String suffix = ": " + kindText;
        String base = desc.endsWith(suffix) ? desc.substring(0, desc.length() - suffix.length()) : desc;
        return base.isEmpty() ? kindText : base + suffix;
    }
}
