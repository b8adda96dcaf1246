package io.jcontainerd.services.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** An interceptor that puts one request header's value into the call's {@link Context}, where services read it. */
final class HeaderCapture {
    private HeaderCapture() {
    }

    static ServerInterceptor of(Metadata.Key<String> header, Context.Key<String> key) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                String value = headers.get(header);
                if (value == null) {
                    return next.startCall(call, headers);
                }
                return Contexts.interceptCall(Context.current().withValue(key, value), call, headers, next);
            }
        };
    }
}
