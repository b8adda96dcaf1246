package io.jcontainerd.services.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.util.Arrays;

/**
 * Services behind the daemon's namespace interceptor on an in-process server, and a channel to
 * them: the gRPC edge end to end without sockets.
 */
public final class InProcessGrpc implements AutoCloseable {
    private final Server server;
    private final ManagedChannel channel;

    private InProcessGrpc(Server server, ManagedChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    public static InProcessGrpc serve(io.grpc.BindableService... services) throws IOException {
        return serve(Arrays.stream(services).map(io.grpc.BindableService::bindService).toArray(ServerServiceDefinition[]::new));
    }

    public static InProcessGrpc serve(ServerServiceDefinition... services) throws IOException {
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
        for (ServerServiceDefinition service : services) {
            builder.addService(service);
        }
        Server server = builder.intercept(RequestNamespace.interceptor()).intercept(RequestLease.interceptor())
                .build().start();
        return new InProcessGrpc(server, InProcessChannelBuilder.forName(name).build());
    }

    public ManagedChannel channel() {
        return channel;
    }

    /** {@return an interceptor sending {@code namespace} as the containerd-namespace header} */
    public static ClientInterceptor namespace(String namespace) {
        Metadata headers = new Metadata();
        headers.put(RequestNamespace.HEADER, namespace);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    /** {@return an interceptor sending {@code lease} as the containerd-lease header} */
    public static ClientInterceptor lease(String lease) {
        Metadata headers = new Metadata();
        headers.put(RequestLease.HEADER, lease);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
    }
}
