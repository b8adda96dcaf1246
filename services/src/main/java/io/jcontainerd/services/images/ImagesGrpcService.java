package io.jcontainerd.services.images;

import com.google.protobuf.Empty;
import containerd.services.images.v1.ImagesGrpc;
import containerd.services.images.v1.ImagesOuterClass.CreateImageRequest;
import containerd.services.images.v1.ImagesOuterClass.CreateImageResponse;
import containerd.services.images.v1.ImagesOuterClass.DeleteImageRequest;
import containerd.services.images.v1.ImagesOuterClass.GetImageRequest;
import containerd.services.images.v1.ImagesOuterClass.GetImageResponse;
import containerd.services.images.v1.ImagesOuterClass.ListImagesRequest;
import containerd.services.images.v1.ImagesOuterClass.ListImagesResponse;
import containerd.services.images.v1.ImagesOuterClass.UpdateImageRequest;
import containerd.services.images.v1.ImagesOuterClass.UpdateImageResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.api.convert.ImageProtos;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.grpc.InlineMethods;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.services.grpc.Unary;
import java.util.List;
import java.util.Set;

/** {@code io.containerd.grpc.v1 images}: the Images API over {@link ImagesService}, in the call's namespace. */
public final class ImagesGrpcService extends ImagesGrpc.ImagesImplBase implements InlineMethods {
    private final ImagesService service;

    public ImagesGrpcService(ImagesService service) {
        this.service = service;
    }

    public static Registration<ImagesGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "images", List.of(PluginTypes.SERVICE), ctx ->
                new ImagesGrpcService(ctx.plugins()
                        .byId(PluginTypes.SERVICE, ImagesService.ID, ImagesService.class)
                        .orElseThrow(() -> new IllegalStateException("images service not found"))));
    }

    @Override
    public Set<String> inlineMethods() {
        return Set.of(ImagesGrpc.getGetMethod().getFullMethodName(), ImagesGrpc.getListMethod().getFullMethodName());
    }

    @Override
    public void get(GetImageRequest request, StreamObserver<GetImageResponse> observer) {
        Unary.reply(observer, () -> GetImageResponse.newBuilder()
                .setImage(ImageProtos.proto(service.get(RequestNamespace.required(), request.getName()))).build());
    }

    @Override
    public void list(ListImagesRequest request, StreamObserver<ListImagesResponse> observer) {
        Unary.reply(observer, () -> {
            var response = ListImagesResponse.newBuilder();
            for (Image image : service.list(RequestNamespace.required(), request.getFiltersList())) {
                response.addImages(ImageProtos.proto(image));
            }
            return response.build();
        });
    }

    @Override
    public void create(CreateImageRequest request, StreamObserver<CreateImageResponse> observer) {
        Unary.reply(observer, () -> {
            String namespace = RequestNamespace.required();
            requireName(request.getImage().getName());
            Image created = service.create(namespace, ImageProtos.image(request.getImage()));
            return CreateImageResponse.newBuilder().setImage(ImageProtos.proto(created)).build();
        });
    }

    @Override
    public void update(UpdateImageRequest request, StreamObserver<UpdateImageResponse> observer) {
        Unary.reply(observer, () -> {
            String namespace = RequestNamespace.required();
            requireName(request.getImage().getName());
            Image updated = service.update(namespace, ImageProtos.image(request.getImage()),
                    request.hasUpdateMask() ? request.getUpdateMask().getPathsList() : List.of());
            return UpdateImageResponse.newBuilder().setImage(ImageProtos.proto(updated)).build();
        });
    }

    @Override
    public void delete(DeleteImageRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.delete(RequestNamespace.required(), request.getName(), request.getSync());
            return Empty.getDefaultInstance();
        });
    }

    /** The service's own check, before the store's: upstream answers "Image.Name required". */
    private static void requireName(String name) {
        if (name.isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription("Image.Name required").asRuntimeException();
        }
    }
}
