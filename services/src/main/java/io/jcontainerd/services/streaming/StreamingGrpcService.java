package io.jcontainerd.services.streaming;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import containerd.services.streaming.v1.StreamingGrpc;
import containerd.services.streaming.v1.StreamingOuterClass.StreamInit;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.namespaces.Namespaces;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.streaming.StreamManager;
import io.jcontainerd.services.grpc.AnyMessages;
import io.jcontainerd.services.grpc.GrpcErrors;
import io.jcontainerd.services.grpc.RequestNamespace;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code io.containerd.grpc.v1 streaming}: opens named streams, as upstream's
 * plugins/services/streaming. The client's first message is {@code Any(StreamInit{id})}; the stream
 * is registered under (namespace, id) (ALREADY_EXISTS when taken) and answered with
 * {@code Any(google.protobuf.Empty)}. It stays registered until its user closes it (which ends the
 * call) or the client cancels; a client that only finishes sending keeps it open.
 */
public final class StreamingGrpcService extends StreamingGrpc.StreamingImplBase {
    private static final System.Logger LOG = System.getLogger(StreamingGrpcService.class.getName());

    private final StreamManager manager;

    public StreamingGrpcService(StreamManager manager) {
        this.manager = manager;
    }

    public static Registration<StreamingGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "streaming", List.of(PluginTypes.STREAMING),
                ctx -> new StreamingGrpcService(ctx.plugins().single(PluginTypes.STREAMING, StreamManager.class)));
    }

    @Override
    public StreamObserver<Any> stream(StreamObserver<Any> responseObserver) {
        ServerCallStreamObserver<Any> call = (ServerCallStreamObserver<Any>) responseObserver;
        // the stream asks for messages as its user takes them (GrpcStream): a client sending faster
        // than an import consumes waits instead of filling the heap
        call.disableAutoRequest();
        call.request(1);
        Optional<String> namespace = RequestNamespace.current();
        return new StreamObserver<>() {
            private GrpcStream stream;
            private Stream registered;

            @Override
            public void onNext(Any message) {
                if (stream != null) {
                    stream.deliver(message);
                    return;
                }
                try {
                    String ns = Namespaces.required(namespace.orElse(null));
                    String id = AnyMessages.unpack(message, StreamInit.getDefaultInstance()).getId();
                    GrpcStream opened = new GrpcStream(call);
                    manager.register(ns, id, opened);
                    stream = opened;
                    registered = manager.get(ns, id);
                    LOG.log(System.Logger.Level.DEBUG, "registering stream {0}", id);
                } catch (RuntimeException e) {
                    call.onError(GrpcErrors.toException(e));
                    return;
                }
                try {
                    // through the stream, whose sends are serialized: a transfer may already be using it
                    stream.send(AnyMessages.packForStream(Empty.getDefaultInstance()));
                } catch (IOException e) {
                    registered.close(); // the client is gone
                }
            }

            @Override
            public void onError(Throwable t) {
                if (stream != null) {
                    stream.end(t);
                    registered.close();
                }
            }

            @Override
            public void onCompleted() {
                if (stream != null) {
                    stream.end(null);
                } else {
                    call.onCompleted();
                }
            }
        };
    }
}
