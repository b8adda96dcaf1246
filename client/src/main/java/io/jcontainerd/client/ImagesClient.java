package io.jcontainerd.client;

import com.google.protobuf.FieldMask;
import containerd.services.images.v1.ImagesGrpc;
import containerd.services.images.v1.ImagesGrpc.ImagesBlockingStub;
import containerd.services.images.v1.ImagesOuterClass;
import containerd.services.images.v1.ImagesOuterClass.CreateImageRequest;
import containerd.services.images.v1.ImagesOuterClass.DeleteImageRequest;
import containerd.services.images.v1.ImagesOuterClass.GetImageRequest;
import containerd.services.images.v1.ImagesOuterClass.ListImagesRequest;
import containerd.services.images.v1.ImagesOuterClass.UpdateImageRequest;
import containerd.types.DescriptorOuterClass;
import io.grpc.Channel;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.images.ImageStore;
import java.time.Instant;
import java.util.List;

/** The images service, in the client's namespace: the daemon's {@link ImageStore} over gRPC. */
public final class ImagesClient implements ImageStore {
    private final ImagesBlockingStub stub;

    ImagesClient(Channel channel) {
        this.stub = ImagesGrpc.newBlockingStub(channel);
    }

    @Override
    public Image get(String name) {
        return GrpcErrors.call(() -> fromProto(stub.get(GetImageRequest.newBuilder().setName(name).build()).getImage()));
    }

    @Override
    public List<Image> list(List<String> filters) {
        return GrpcErrors.call(() -> stub.list(ListImagesRequest.newBuilder().addAllFilters(filters).build())
                .getImagesList().stream().map(ImagesClient::fromProto).toList());
    }

    @Override
    public Image create(Image image) {
        return GrpcErrors.call(() -> fromProto(stub.create(CreateImageRequest.newBuilder()
                .setImage(toProto(image)).build()).getImage()));
    }

    @Override
    public Image update(Image image, List<String> fieldpaths) {
        var request = UpdateImageRequest.newBuilder().setImage(toProto(image));
        if (!fieldpaths.isEmpty()) {
            request.setUpdateMask(FieldMask.newBuilder().addAllPaths(fieldpaths));
        }
        return GrpcErrors.call(() -> fromProto(stub.update(request.build()).getImage()));
    }

    @Override
    public void delete(String name) {
        delete(name, false);
    }

    /** @param sync also wait for the daemon to collect what only this image kept */
    public void delete(String name, boolean sync) {
        GrpcErrors.call(() -> stub.delete(DeleteImageRequest.newBuilder().setName(name).setSync(sync).build()));
    }

    private static Image fromProto(ImagesOuterClass.Image p) {
        DescriptorOuterClass.Descriptor t = p.getTarget();
        Descriptor target = t.getDigest().isEmpty() ? null
                : new Descriptor(t.getMediaType(), Digest.parse(t.getDigest()), t.getSize(), t.getAnnotationsMap());
        return new Image(p.getName(), p.getLabelsMap(), target, instant(p.getCreatedAt()), instant(p.getUpdatedAt()));
    }

    private static ImagesOuterClass.Image toProto(Image image) {
        var builder = ImagesOuterClass.Image.newBuilder().setName(image.name()).putAllLabels(image.labels());
        if (image.target() != null) {
            builder.setTarget(DescriptorOuterClass.Descriptor.newBuilder()
                    .setMediaType(image.target().mediaType())
                    .setDigest(image.target().digest().toString())
                    .setSize(image.target().size())
                    .putAllAnnotations(image.target().annotations()));
        }
        return builder.build();
    }

    private static Instant instant(com.google.protobuf.Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
