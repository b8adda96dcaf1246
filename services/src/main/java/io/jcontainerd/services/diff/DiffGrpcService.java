package io.jcontainerd.services.diff;

import containerd.services.diff.v1.DiffGrpc;
import containerd.services.diff.v1.DiffOuterClass.ApplyRequest;
import containerd.services.diff.v1.DiffOuterClass.ApplyResponse;
import containerd.services.diff.v1.DiffOuterClass.DiffRequest;
import containerd.services.diff.v1.DiffOuterClass.DiffResponse;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.api.convert.DescriptorProtos;
import io.jcontainerd.services.grpc.RequestLease;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.services.grpc.Unary;
import java.util.List;

/** {@code io.containerd.grpc.v1 diff}: the Diff API over {@link DiffService}, in the call's namespace. */
public final class DiffGrpcService extends DiffGrpc.DiffImplBase {
    private final DiffService service;

    public DiffGrpcService(DiffService service) {
        this.service = service;
    }

    public static Registration<DiffGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "diff", List.of(PluginTypes.SERVICE), ctx ->
                new DiffGrpcService(ctx.plugins().byId(PluginTypes.SERVICE, DiffService.ID, DiffService.class)
                        .orElseThrow(() -> new IllegalStateException("diff service not found"))));
    }

    @Override
    public void apply(ApplyRequest request, StreamObserver<ApplyResponse> observer) {
        Unary.reply(observer, () -> {
            Descriptor applied = service.apply(RequestNamespace.required(), DescriptorProtos.descriptor(request.getDiff()),
                    DescriptorProtos.mounts(request.getMountsList()));
            return ApplyResponse.newBuilder().setApplied(DescriptorProtos.proto(applied)).build();
        });
    }

    @Override
    public void diff(DiffRequest request, StreamObserver<DiffResponse> observer) {
        Unary.reply(observer, () -> {
            Descriptor diff = service.diff(RequestNamespace.required(), RequestLease.current(),
                    DescriptorProtos.mounts(request.getLeftList()), DescriptorProtos.mounts(request.getRightList()), request.getMediaType(),
                    request.getRef(), request.getLabelsMap());
            return DiffResponse.newBuilder().setDiff(DescriptorProtos.proto(diff)).build();
        });
    }
}
