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

    public static InProcessGrpc serve(io.grpc.BindableService service) throws IOException {
        return serve(service.bindService());
    }

    public static InProcessGrpc serve(ServerServiceDefinition service) throws IOException {
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name).addService(service)
                .intercept(RequestNamespace.interceptor()).build().start();
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

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
    }
}
