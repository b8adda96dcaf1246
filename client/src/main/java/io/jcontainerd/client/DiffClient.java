package io.jcontainerd.client;

import containerd.services.diff.v1.DiffGrpc;
import containerd.services.diff.v1.DiffOuterClass.ApplyRequest;
import containerd.types.DescriptorOuterClass;
import io.grpc.Channel;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.mount.Mount;
import java.util.List;

/** The daemon's diff service, in the client's namespace. */
public final class DiffClient {
    private final DiffGrpc.DiffBlockingStub stub;

    DiffClient(Channel channel) {
        this.stub = DiffGrpc.newBlockingStub(channel);
    }

    /**
     * Applies the layer blob {@code layer} (from the namespace's content) onto the filesystem {@code mounts} describe.
     *
     * @return the descriptor of the uncompressed layer applied: its digest is the layer's diff ID
     */
    public Descriptor apply(Descriptor layer, List<Mount> mounts) {
        return GrpcErrors.call(() -> {
            DescriptorOuterClass.Descriptor applied = stub.apply(ApplyRequest.newBuilder()
                    .setDiff(DescriptorOuterClass.Descriptor.newBuilder().setMediaType(layer.mediaType())
                            .setDigest(layer.digest().toString()).setSize(layer.size())
                            .putAllAnnotations(layer.annotations()))
                    .addAllMounts(MountProtos.toProto(mounts))
                    .build()).getApplied();
            return new Descriptor(applied.getMediaType(), Digest.parse(applied.getDigest()), applied.getSize(),
                    applied.getAnnotationsMap());
        });
    }
}
