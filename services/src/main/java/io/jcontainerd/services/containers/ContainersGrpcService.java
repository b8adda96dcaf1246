package io.jcontainerd.services.containers;

import com.google.protobuf.Empty;
import containerd.services.containers.v1.ContainersGrpc;
import containerd.services.containers.v1.ContainersOuterClass.CreateContainerRequest;
import containerd.services.containers.v1.ContainersOuterClass.CreateContainerResponse;
import containerd.services.containers.v1.ContainersOuterClass.DeleteContainerRequest;
import containerd.services.containers.v1.ContainersOuterClass.GetContainerRequest;
import containerd.services.containers.v1.ContainersOuterClass.GetContainerResponse;
import containerd.services.containers.v1.ContainersOuterClass.ListContainerMessage;
import containerd.services.containers.v1.ContainersOuterClass.ListContainersRequest;
import containerd.services.containers.v1.ContainersOuterClass.ListContainersResponse;
import containerd.services.containers.v1.ContainersOuterClass.UpdateContainerRequest;
import containerd.services.containers.v1.ContainersOuterClass.UpdateContainerResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.api.convert.ContainerProtos;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.grpc.GrpcErrors;
import io.jcontainerd.services.grpc.InlineMethods;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.services.grpc.Unary;
import java.util.List;
import java.util.Set;

/** {@code io.containerd.grpc.v1 containers}: the Containers API over {@link ContainersService}, in the call's namespace. */
public final class ContainersGrpcService extends ContainersGrpc.ContainersImplBase implements InlineMethods {
    private final ContainersService service;

    public ContainersGrpcService(ContainersService service) {
        this.service = service;
    }

    public static Registration<ContainersGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "containers", List.of(PluginTypes.SERVICE), ctx ->
                new ContainersGrpcService(ctx.plugins()
                        .byId(PluginTypes.SERVICE, ContainersService.ID, ContainersService.class)
                        .orElseThrow(() -> new IllegalStateException("containers service not found"))));
    }

    @Override
    public Set<String> inlineMethods() {
        return Set.of(ContainersGrpc.getGetMethod().getFullMethodName(), ContainersGrpc.getListMethod().getFullMethodName());
    }

    @Override
    public void get(GetContainerRequest request, StreamObserver<GetContainerResponse> observer) {
        Unary.reply(observer, () -> GetContainerResponse.newBuilder()
                .setContainer(ContainerProtos.proto(service.get(RequestNamespace.required(), request.getId()))).build());
    }

    @Override
    public void list(ListContainersRequest request, StreamObserver<ListContainersResponse> observer) {
        Unary.reply(observer, () -> {
            var response = ListContainersResponse.newBuilder();
            for (Container container : service.list(RequestNamespace.required(), request.getFiltersList())) {
                response.addContainers(ContainerProtos.proto(container));
            }
            return response.build();
        });
    }

    /** One message per container, so a client is not bound by the message size limit with many containers. */
    @Override
    public void listStream(ListContainersRequest request, StreamObserver<ListContainerMessage> observer) {
        try {
            for (Container container : service.list(RequestNamespace.required(), request.getFiltersList())) {
                observer.onNext(ListContainerMessage.newBuilder().setContainer(ContainerProtos.proto(container)).build());
            }
            observer.onCompleted();
        } catch (Exception | Error e) {
            observer.onError(GrpcErrors.toException(e));
        }
    }

    @Override
    public void create(CreateContainerRequest request, StreamObserver<CreateContainerResponse> observer) {
        Unary.reply(observer, () -> {
            Container created = service.create(RequestNamespace.required(),
                    ContainerProtos.fromProto(request.getContainer()));
            return CreateContainerResponse.newBuilder().setContainer(ContainerProtos.proto(created)).build();
        });
    }

    @Override
    public void update(UpdateContainerRequest request, StreamObserver<UpdateContainerResponse> observer) {
        Unary.reply(observer, () -> {
            if (request.getContainer().getId().isEmpty()) {
                throw Status.INVALID_ARGUMENT.withDescription("Container.ID required").asRuntimeException();
            }
            Container updated = service.update(RequestNamespace.required(),
                    ContainerProtos.fromProto(request.getContainer()),
                    request.hasUpdateMask() ? request.getUpdateMask().getPathsList() : List.of());
            return UpdateContainerResponse.newBuilder().setContainer(ContainerProtos.proto(updated)).build();
        });
    }

    @Override
    public void delete(DeleteContainerRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.delete(RequestNamespace.required(), request.getId());
            return Empty.getDefaultInstance();
        });
    }
}
