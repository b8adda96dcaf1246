package io.jcontainerd.client;

import com.google.protobuf.Empty;
import containerd.services.version.v1.VersionGrpc;
import containerd.services.version.v1.VersionGrpc.VersionBlockingStub;
import containerd.services.version.v1.VersionOuterClass.VersionResponse;
import io.grpc.Channel;

/** The version service. */
public final class VersionClient {
    private final VersionBlockingStub stub;

    VersionClient(Channel channel) {
        this.stub = VersionGrpc.newBlockingStub(channel);
    }

    public ServerVersion get() {
        VersionResponse r = GrpcErrors.call(() -> stub.version(Empty.getDefaultInstance()));
        return new ServerVersion(r.getVersion(), r.getRevision());
    }
}
