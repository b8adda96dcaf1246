package io.jcontainerd.services.introspection;

import com.google.protobuf.Empty;
import containerd.services.introspection.v1.IntrospectionGrpc;
import containerd.services.introspection.v1.IntrospectionOuterClass.Plugin;
import containerd.services.introspection.v1.IntrospectionOuterClass.PluginsRequest;
import containerd.services.introspection.v1.IntrospectionOuterClass.PluginsResponse;
import containerd.services.introspection.v1.IntrospectionOuterClass.ServerResponse;
import containerd.types.PlatformOuterClass.Platform;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.plugin.LoadedPlugin;
import io.jcontainerd.core.plugin.PluginType;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.grpc.GrpcErrors;
import io.jcontainerd.services.grpc.InlineMethods;
import io.jcontainerd.services.grpc.Unary;
import java.util.List;
import java.util.Set;

/** {@code io.containerd.grpc.v1 introspection}: the Introspection API over {@link IntrospectionService}. */
public final class IntrospectionGrpcService extends IntrospectionGrpc.IntrospectionImplBase implements InlineMethods {
    private final IntrospectionService service;

    public IntrospectionGrpcService(IntrospectionService service) {
        this.service = service;
    }

    public static Registration<IntrospectionGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "introspection", List.of(PluginTypes.SERVICE), ctx ->
                new IntrospectionGrpcService(ctx.plugins()
                        .byId(PluginTypes.SERVICE, IntrospectionService.ID, IntrospectionService.class)
                        .orElseThrow(() -> new IllegalStateException("introspection service not loaded"))));
    }

    @Override
    public Set<String> inlineMethods() {
        return Set.of(IntrospectionGrpc.getPluginsMethod().getFullMethodName(),
                IntrospectionGrpc.getServerMethod().getFullMethodName());
    }

    @Override
    public void plugins(PluginsRequest request, StreamObserver<PluginsResponse> observer) {
        Unary.reply(observer, () -> {
            var response = PluginsResponse.newBuilder();
            for (LoadedPlugin p : service.plugins(request.getFiltersList())) {
                response.addPlugins(toProto(p));
            }
            return response.build();
        });
    }

    @Override
    public void server(Empty request, StreamObserver<ServerResponse> observer) {
        Unary.reply(observer, () -> ServerResponse.newBuilder().setUuid(service.uuid()).build());
    }

    static Plugin toProto(LoadedPlugin p) {
        var b = Plugin.newBuilder()
                .setType(p.type().value())
                .setId(p.id())
                .addAllRequires(p.registration().requires().stream().map(PluginType::value).toList())
                .putAllExports(p.meta().exports())
                .addAllCapabilities(p.meta().capabilities());
        for (String platform : p.meta().platforms()) {
            b.addPlatforms(toPlatform(platform));
        }
        if (p.error() != null) {
            Status status = GrpcErrors.toStatus(p.error());
            b.setInitErr(com.google.rpc.Status.newBuilder()
                    .setCode(status.getCode().value())
                    .setMessage(status.getDescription() == null ? "" : status.getDescription()));
        }
        return b.build();
    }

    private static Platform toPlatform(String spec) {
        String[] parts = spec.split("/", 3);
        var b = Platform.newBuilder().setOs(parts[0]);
        if (parts.length > 1) {
            b.setArchitecture(parts[1]);
        }
        if (parts.length > 2) {
            b.setVariant(parts[2]);
        }
        return b.build();
    }
}
