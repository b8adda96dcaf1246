package io.jcontainerd.client;

import com.google.protobuf.FieldMask;
import containerd.services.containers.v1.ContainersGrpc;
import containerd.services.containers.v1.ContainersGrpc.ContainersBlockingStub;
import containerd.services.containers.v1.ContainersOuterClass.CreateContainerRequest;
import containerd.services.containers.v1.ContainersOuterClass.DeleteContainerRequest;
import containerd.services.containers.v1.ContainersOuterClass.GetContainerRequest;
import containerd.services.containers.v1.ContainersOuterClass.ListContainersRequest;
import containerd.services.containers.v1.ContainersOuterClass.UpdateContainerRequest;
import io.grpc.Channel;
import io.jcontainerd.api.convert.ContainerProtos;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.containers.ContainerStore;
import java.util.List;

/** The containers service, in the client's namespace: the daemon's {@link ContainerStore} over gRPC. */
public final class ContainersClient implements ContainerStore {
    private final ContainersBlockingStub stub;

    ContainersClient(Channel channel) {
        this.stub = ContainersGrpc.newBlockingStub(channel);
    }

    @Override
    public Container get(String id) {
        return GrpcErrors.call(() -> ContainerProtos.fromProto(
                stub.get(GetContainerRequest.newBuilder().setId(id).build()).getContainer()));
    }

    @Override
    public List<Container> list(List<String> filters) {
        return GrpcErrors.call(() -> stub.list(ListContainersRequest.newBuilder().addAllFilters(filters).build())
                .getContainersList().stream().map(ContainerProtos::fromProto).toList());
    }

    @Override
    public Container create(Container container) {
        return GrpcErrors.call(() -> ContainerProtos.fromProto(stub.create(CreateContainerRequest.newBuilder()
                .setContainer(ContainerProtos.proto(container)).build()).getContainer()));
    }

    @Override
    public Container update(Container container, List<String> fieldpaths) {
        var request = UpdateContainerRequest.newBuilder().setContainer(ContainerProtos.proto(container));
        if (!fieldpaths.isEmpty()) {
            request.setUpdateMask(FieldMask.newBuilder().addAllPaths(fieldpaths));
        }
        return GrpcErrors.call(() -> ContainerProtos.fromProto(stub.update(request.build()).getContainer()));
    }

    @Override
    public void delete(String id) {
        GrpcErrors.call(() -> stub.delete(DeleteContainerRequest.newBuilder().setId(id).build()));
    }
}
