package io.jcontainerd.client;

import com.google.protobuf.FieldMask;
import containerd.services.images.v1.ImagesGrpc.ImagesBlockingStub;
import containerd.services.images.v1.ImagesGrpc;
import containerd.services.images.v1.ImagesOuterClass.CreateImageRequest;
import containerd.services.images.v1.ImagesOuterClass.DeleteImageRequest;
import containerd.services.images.v1.ImagesOuterClass.GetImageRequest;
import containerd.services.images.v1.ImagesOuterClass.ListImagesRequest;
import containerd.services.images.v1.ImagesOuterClass.UpdateImageRequest;
import containerd.services.images.v1.ImagesOuterClass;
import io.grpc.Channel;
import io.jcontainerd.api.convert.ImageProtos;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.images.ImageStore;
import java.util.List;

/** The images service, in the client's namespace: the daemon's {@link ImageStore} over gRPC. */
public final class ImagesClient implements ImageStore {
    private final ImagesBlockingStub stub;

    ImagesClient(Channel channel) {
        this.stub = ImagesGrpc.newBlockingStub(channel);
    }

    @Override
    public Image get(String name) {
        return GrpcErrors.call(() -> ImageProtos.image(stub.get(GetImageRequest.newBuilder().setName(name).build()).getImage()));
    }

    @Override
    public List<Image> list(List<String> filters) {
        return GrpcErrors.call(() -> stub.list(ListImagesRequest.newBuilder().addAllFilters(filters).build())
                .getImagesList().stream().map(ImageProtos::image).toList());
    }

    @Override
    public Image create(Image image) {
        return GrpcErrors.call(() -> ImageProtos.image(stub.create(CreateImageRequest.newBuilder()
                .setImage(ImageProtos.proto(image)).build()).getImage()));
    }

    @Override
    public Image update(Image image, List<String> fieldpaths) {
        var request = UpdateImageRequest.newBuilder().setImage(ImageProtos.proto(image));
        if (!fieldpaths.isEmpty()) {
            request.setUpdateMask(FieldMask.newBuilder().addAllPaths(fieldpaths));
        }
        return GrpcErrors.call(() -> ImageProtos.image(stub.update(request.build()).getImage()));
    }

    @Override
    public void delete(String name) {
        delete(name, false);
    }

    /** @param sync also wait for the daemon to collect what only this image kept */
    public void delete(String name, boolean sync) {
        GrpcErrors.call(() -> stub.delete(DeleteImageRequest.newBuilder().setName(name).setSync(sync).build()));
    }
}
