package io.jcontainerd.daemon.aot;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import containerd.services.images.v1.ImagesGrpc;
import containerd.services.images.v1.ImagesOuterClass.DeleteImageRequest;
import containerd.services.transfer.v1.TransferGrpc;
import containerd.services.transfer.v1.TransferOuterClass.TransferRequest;
import containerd.types.transfer.Imagestore.ImageStore;
import containerd.types.transfer.Imagestore.UnpackConfiguration;
import containerd.types.transfer.Registry.OCIRegistry;
import containerd.types.transfer.Registry.RegistryResolver;
import io.grpc.Channel;

/**
 * A pull through the Transfer service, as jctr asks for one, for the AOT training run: the
 * registry client, the pull pipeline and the unpack load here, not in a user's first pull. The
 * image is removed again; a second round finds its content there.
 */
final class PullTraining {
    private final Channel channel;
    private final String reference;

    PullTraining(Channel channel, String reference) {
        this.channel = channel;
        this.reference = reference;
    }

    void run() {
        OCIRegistry source = OCIRegistry.newBuilder().setReference(reference)
                .setResolver(RegistryResolver.newBuilder().setDefaultScheme("http")).build();
        ImageStore destination = ImageStore.newBuilder().setName(reference)
                .addUnpacks(UnpackConfiguration.newBuilder().setSnapshotter("overlayfs")).build();
        TransferGrpc.newBlockingStub(channel).transfer(TransferRequest.newBuilder().setSource(pack(source))
                .setDestination(pack(destination)).build());
        ImagesGrpc.newBlockingStub(channel).delete(DeleteImageRequest.newBuilder().setName(reference).build());
    }

    /** As containerd 2.x's clients: the type URL is the message's bare full name. */
    private static Any pack(Message message) {
        return Any.newBuilder().setTypeUrl(message.getDescriptorForType().getFullName()).setValue(message.toByteString()).build();
    }
}
