package io.jcontainerd.ttrpc;

import com.google.protobuf.Message;
import com.google.rpc.Status;
import io.jcontainerd.api.ttrpc.Request;
import io.jcontainerd.api.ttrpc.Response;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The registered services: resolves a request to its method, runs it, and phrases the outcome. */
final class ServiceTable {
    private static final System.Logger LOG = System.getLogger(ServiceTable.class.getName());

    private final Map<String, TtrpcService> services = new ConcurrentHashMap<>();

    void register(TtrpcService service) {
        if (services.putIfAbsent(service.name(), service) != null) {
            throw new IllegalStateException("duplicate service " + service.name() + " registered");
        }
    }

    /** Runs {@code request}; never throws for what the handler did, the status tells. */
    Response call(Request request) {
        try {
            Message result = resolve(request.getService(), request.getMethod())
                    .handle(contextOf(request), request.getPayload());
            if (result == null) {
                // upstream's text for a handler that returned nil
                return failure(StatusCodes.UNKNOWN, "ttrpc: marshal called with nil");
            }
            return Response.newBuilder()
                    .setStatus(Status.getDefaultInstance())
                    .setPayload(result.toByteString())
                    .build();
        } catch (Exception e) {
            return Response.newBuilder().setStatus(statusOf(e, request)).build();
        }
    }

    private TtrpcMethod resolve(String serviceName, String methodName) {
        TtrpcService service = services.get(serviceName);
        if (service == null) {
            throw new TtrpcStatusException(StatusCodes.UNIMPLEMENTED, "service " + serviceName);
        }
        TtrpcMethod method = service.methods().get(methodName);
        if (method == null) {
            throw new TtrpcStatusException(StatusCodes.UNIMPLEMENTED, "method " + methodName);
        }
        return method;
    }

    private static RequestContext contextOf(Request request) {
        // timeout_nano is relative to when the caller sent it; 0 means no deadline
        Optional<Instant> deadline = request.getTimeoutNano() == 0
                ? Optional.empty()
                : Optional.of(Instant.now().plusNanos(request.getTimeoutNano()));
        return new RequestContext(request.getService(), request.getMethod(),
                Metadata.of(request.getMetadataList()), deadline);
    }

    private static Status statusOf(Exception failure, Request request) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TtrpcStatusException status) {
                return status.toStatus();
            }
            if (t instanceof ErrdefsException errdefs) {
                return status(StatusCodes.of(errdefs.kind()), errdefs.getMessage());
            }
            if (t instanceof InterruptedException) {
                // the server is closing; upstream answers a canceled context this way
                return status(StatusCodes.CANCELLED, "context canceled");
            }
        }
        // not a domain error: likely a bug, so keep the stack trace somewhere
        LOG.log(Level.WARNING, "ttrpc: " + request.getService() + "/" + request.getMethod() + " failed", failure);
        return status(StatusCodes.UNKNOWN, failure.getMessage() != null ? failure.getMessage() : failure.toString());
    }

    private static Response failure(int code, String message) {
        return Response.newBuilder().setStatus(status(code, message)).build();
    }

    private static Status status(int code, String message) {
        return Status.newBuilder().setCode(code).setMessage(message).build();
    }
}
