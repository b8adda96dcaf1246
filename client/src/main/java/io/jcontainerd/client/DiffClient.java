package io.jcontainerd.client;

import containerd.services.diff.v1.DiffGrpc;
import containerd.services.diff.v1.DiffOuterClass.ApplyRequest;
import containerd.services.diff.v1.DiffOuterClass.DiffRequest;
import containerd.types.DescriptorOuterClass;
import io.grpc.Channel;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.mount.Mount;
import java.util.List;
import java.util.Map;

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

    /**
     * Computes the changes from the filesystem {@code lower} describes to the one {@code upper}
     * describes and writes them to content as a layer, as containerd's {@code diff.Comparer.Compare}.
     *
     * @param mediaType the layer's media type; empty for the differ's default
     * @param ref       the content upload reference; empty for one the differ chooses
     * @param labels    labels of the blob written
     * @return the descriptor of the layer written
     */
    public Descriptor compare(List<Mount> lower, List<Mount> upper, String mediaType, String ref, Map<String, String> labels) {
        return GrpcErrors.call(() -> {
            DescriptorOuterClass.Descriptor diff = stub.diff(DiffRequest.newBuilder()
                    .addAllLeft(MountProtos.toProto(lower)).addAllRight(MountProtos.toProto(upper))
                    .setMediaType(mediaType).setRef(ref).putAllLabels(labels)
                    .build()).getDiff();
            return new Descriptor(diff.getMediaType(), Digest.parse(diff.getDigest()), diff.getSize(), diff.getAnnotationsMap());
        });
    }
}
