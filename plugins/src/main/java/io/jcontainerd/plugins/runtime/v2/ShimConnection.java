package io.jcontainerd.plugins.runtime.v2;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.ttrpc.StatusCodes;
import io.jcontainerd.ttrpc.TtrpcClient;
import io.jcontainerd.ttrpc.TtrpcClosedException;
import io.jcontainerd.ttrpc.TtrpcStatusException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * The ttrpc connection to one shim's {@code containerd.task.v2.Task} service. A call's failure
 * becomes the errdefs class its status code stands for, as containerd's {@code errdefs.FromGRPC}.
 */
final class ShimConnection implements AutoCloseable {
    static final String SERVICE = "containerd.task.v2.Task";
    private final TtrpcClient client;

    ShimConnection(TtrpcClient client) {
        this.client = client;
    }

    <T extends Message> T call(String method, Message request, Parser<T> parser) {
        return call(method, request, parser, null);
    }

    /** @param timeout null waits as long as it takes (Wait) */
    <T extends Message> T call(String method, Message request, Parser<T> parser, Duration timeout) {
        try {
            return client.call(SERVICE, method, request, parser, Map.of(), timeout);
        } catch (TtrpcStatusException e) {
            throw new ErrdefsException(kind(e.code()), e.description(), e);
        } catch (TtrpcClosedException e) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "ttrpc: closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isClosed(Throwable e) {
        return e.getCause() instanceof TtrpcClosedException;
    }

    private static ErrorKind kind(int code) {
        return switch (code) {
            case StatusCodes.INVALID_ARGUMENT -> ErrorKind.INVALID_ARGUMENT;
            case StatusCodes.ALREADY_EXISTS -> ErrorKind.ALREADY_EXISTS;
            case StatusCodes.NOT_FOUND -> ErrorKind.NOT_FOUND;
            case StatusCodes.UNAVAILABLE -> ErrorKind.UNAVAILABLE;
            case StatusCodes.FAILED_PRECONDITION -> ErrorKind.FAILED_PRECONDITION;
            case StatusCodes.UNIMPLEMENTED -> ErrorKind.NOT_IMPLEMENTED;
            case StatusCodes.CANCELLED -> ErrorKind.CANCELED;
            case StatusCodes.DEADLINE_EXCEEDED -> ErrorKind.DEADLINE_EXCEEDED;
            default -> ErrorKind.UNKNOWN;
        };
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // the shim is gone either way
        }
    }
}
