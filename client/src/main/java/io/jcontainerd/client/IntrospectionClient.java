package io.jcontainerd.client;

import io.jcontainerd.image.Platform;
import com.google.protobuf.Empty;
import containerd.services.introspection.v1.IntrospectionGrpc;
import containerd.services.introspection.v1.IntrospectionGrpc.IntrospectionBlockingStub;
import containerd.services.introspection.v1.IntrospectionOuterClass.Plugin;
import containerd.services.introspection.v1.IntrospectionOuterClass.PluginsRequest;
import io.grpc.Channel;
import java.util.List;
import java.util.Optional;

/** The introspection service: what plugins the daemon loaded and which daemon instance it is. */
public final class IntrospectionClient {
    private final IntrospectionBlockingStub stub;

    IntrospectionClient(Channel channel) {
        this.stub = IntrospectionGrpc.newBlockingStub(channel);
    }

    /**
     * {@return the plugins matching any of {@code filters} (containerd filter syntax, e.g.
     * {@code type==io.containerd.grpc.v1}), all of them when there are none, in load order}
     */
    public List<PluginInfo> plugins(List<String> filters) {
        return GrpcErrors.call(() -> stub.plugins(PluginsRequest.newBuilder().addAllFilters(filters).build())
                .getPluginsList().stream().map(IntrospectionClient::fromProto).toList());
    }

    /** {@return the UUID the daemon generated once for its root directory} */
    public String serverUuid() {
        return GrpcErrors.call(() -> stub.server(Empty.getDefaultInstance()).getUuid());
    }

    private static PluginInfo fromProto(Plugin p) {
        return new PluginInfo(
                p.getType(),
                p.getId(),
                p.getRequiresList(),
                p.getPlatformsList().stream()
                        .map(pl -> Platform.of(pl.getOs(), pl.getArchitecture(), pl.getVariant()))
                        .toList(),
                p.getExportsMap(),
                p.getCapabilitiesList(),
                p.hasInitErr()
                        ? Optional.of(new PluginError(p.getInitErr().getCode(), p.getInitErr().getMessage()))
                        : Optional.empty());
    }
}
