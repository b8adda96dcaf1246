package io.jcontainerd.services.version;

import com.google.protobuf.Empty;
import containerd.services.version.v1.VersionGrpc;
import containerd.services.version.v1.VersionOuterClass.VersionResponse;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.plugin.InitContext;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.grpc.InlineMethods;
import io.jcontainerd.services.grpc.Unary;
import java.util.List;
import java.util.Set;

/** {@code io.containerd.grpc.v1 version}: the daemon's version and revision. */
public final class VersionGrpcService extends VersionGrpc.VersionImplBase implements InlineMethods {
    public static final String PROPERTY_VERSION = "version";
    public static final String PROPERTY_REVISION = "revision";
    private final VersionResponse response;

    public VersionGrpcService(String version, String revision) {
        this.response = VersionResponse.newBuilder().setVersion(version).setRevision(revision).build();
    }

    public static Registration<VersionGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "version", List.of(), (InitContext ctx) ->
                new VersionGrpcService(ctx.property(PROPERTY_VERSION), ctx.property(PROPERTY_REVISION)));
    }

    @Override
    public Set<String> inlineMethods() {
        return Set.of(VersionGrpc.getVersionMethod().getFullMethodName());
    }

    @Override
    public void version(Empty request, StreamObserver<VersionResponse> observer) {
        Unary.reply(observer, () -> response);
    }
}
