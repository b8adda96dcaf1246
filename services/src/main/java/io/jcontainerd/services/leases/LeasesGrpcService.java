package io.jcontainerd.services.leases;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import containerd.services.leases.v1.LeasesGrpc;
import containerd.services.leases.v1.LeasesOuterClass.AddResourceRequest;
import containerd.services.leases.v1.LeasesOuterClass.CreateRequest;
import containerd.services.leases.v1.LeasesOuterClass.CreateResponse;
import containerd.services.leases.v1.LeasesOuterClass.DeleteRequest;
import containerd.services.leases.v1.LeasesOuterClass.DeleteResourceRequest;
import containerd.services.leases.v1.LeasesOuterClass.ListRequest;
import containerd.services.leases.v1.LeasesOuterClass.ListResourcesRequest;
import containerd.services.leases.v1.LeasesOuterClass.ListResourcesResponse;
import containerd.services.leases.v1.LeasesOuterClass.ListResponse;
import containerd.services.leases.v1.LeasesOuterClass;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.core.leases.Resource;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.grpc.InlineMethods;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.services.grpc.Unary;
import java.util.List;
import java.util.Set;

/** {@code io.containerd.grpc.v1 leases}: the Leases API over {@link LeasesService}, in the call's namespace. */
public final class LeasesGrpcService extends LeasesGrpc.LeasesImplBase implements InlineMethods {
    private final LeasesService service;

    public LeasesGrpcService(LeasesService service) {
        this.service = service;
    }

    public static Registration<LeasesGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "leases", List.of(PluginTypes.SERVICE), ctx ->
                new LeasesGrpcService(ctx.plugins()
                        .byId(PluginTypes.SERVICE, LeasesService.ID, LeasesService.class)
                        .orElseThrow(() -> new IllegalStateException("leases service not found"))));
    }

    @Override
    public Set<String> inlineMethods() {
        return Set.of(LeasesGrpc.getListMethod().getFullMethodName(), LeasesGrpc.getListResourcesMethod().getFullMethodName());
    }

    @Override
    public void create(CreateRequest request, StreamObserver<CreateResponse> observer) {
        Unary.reply(observer, () -> {
            Lease lease = service.create(RequestNamespace.required(), request.getId(), request.getLabelsMap());
            return CreateResponse.newBuilder().setLease(toProto(lease)).build();
        });
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.delete(RequestNamespace.required(), request.getId(), request.getSync());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void list(ListRequest request, StreamObserver<ListResponse> observer) {
        Unary.reply(observer, () -> {
            var response = ListResponse.newBuilder();
            service.list(RequestNamespace.required(), request.getFiltersList())
                    .forEach(lease -> response.addLeases(toProto(lease)));
            return response.build();
        });
    }

    @Override
    public void addResource(AddResourceRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.addResource(RequestNamespace.required(), request.getId(), fromProto(request.getResource()));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void deleteResource(DeleteResourceRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.deleteResource(RequestNamespace.required(), request.getId(), fromProto(request.getResource()));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void listResources(ListResourcesRequest request, StreamObserver<ListResourcesResponse> observer) {
        Unary.reply(observer, () -> {
            var response = ListResourcesResponse.newBuilder();
            service.listResources(RequestNamespace.required(), request.getId()).forEach(r -> response.addResources(
                    LeasesOuterClass.Resource.newBuilder().setId(r.id()).setType(r.type())));
            return response.build();
        });
    }

    private static LeasesOuterClass.Lease toProto(Lease lease) {
        return LeasesOuterClass.Lease.newBuilder()
                .setId(lease.id())
                .setCreatedAt(Timestamp.newBuilder()
                        .setSeconds(lease.createdAt().getEpochSecond())
                        .setNanos(lease.createdAt().getNano()))
                .putAllLabels(lease.labels())
                .build();
    }

    private static Resource fromProto(LeasesOuterClass.Resource resource) {
        return new Resource(resource.getId(), resource.getType());
    }
}
