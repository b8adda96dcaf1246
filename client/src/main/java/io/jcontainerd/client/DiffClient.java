package io.jcontainerd.client;

import containerd.services.diff.v1.DiffGrpc;
import containerd.services.diff.v1.DiffOuterClass.ApplyRequest;
import containerd.services.diff.v1.DiffOuterClass.DiffRequest;
import io.grpc.Channel;
import io.jcontainerd.api.convert.DescriptorProtos;
import io.jcontainerd.core.content.Descriptor;
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
            return DescriptorProtos.descriptor(stub.apply(ApplyRequest.newBuilder()
                    .setDiff(DescriptorProtos.proto(layer))
                    .addAllMounts(DescriptorProtos.protos(mounts))
                    .build()).getApplied());
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
            return DescriptorProtos.descriptor(stub.diff(DiffRequest.newBuilder()
                    .addAllLeft(DescriptorProtos.protos(lower)).addAllRight(DescriptorProtos.protos(upper))
                    .setMediaType(mediaType).setRef(ref).putAllLabels(labels)
                    .build()).getDiff());
        });
    }
}
