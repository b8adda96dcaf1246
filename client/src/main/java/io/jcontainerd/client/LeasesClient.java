package io.jcontainerd.client;

import containerd.services.leases.v1.LeasesGrpc;
import containerd.services.leases.v1.LeasesGrpc.LeasesBlockingStub;
import containerd.services.leases.v1.LeasesOuterClass;
import containerd.services.leases.v1.LeasesOuterClass.AddResourceRequest;
import containerd.services.leases.v1.LeasesOuterClass.CreateRequest;
import containerd.services.leases.v1.LeasesOuterClass.DeleteRequest;
import containerd.services.leases.v1.LeasesOuterClass.DeleteResourceRequest;
import containerd.services.leases.v1.LeasesOuterClass.ListRequest;
import containerd.services.leases.v1.LeasesOuterClass.ListResourcesRequest;
import io.grpc.Channel;
import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.core.leases.LeaseManager;
import io.jcontainerd.core.leases.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The leases service, in the client's namespace: the daemon's {@link LeaseManager} over gRPC. */
public final class LeasesClient implements LeaseManager {
    private final LeasesBlockingStub stub;

    LeasesClient(Channel channel) {
        this.stub = LeasesGrpc.newBlockingStub(channel);
    }

    /** An empty {@code id} lets the daemon generate one; the lease returned carries it. */
    @Override
    public Lease create(String id, Map<String, String> labels) {
        return GrpcErrors.call(() -> fromProto(stub.create(CreateRequest.newBuilder()
                .setId(id).putAllLabels(labels).build()).getLease()));
    }

    @Override
    public void delete(String id) {
        delete(id, false);
    }

    /** @param sync also wait for the daemon to collect what only this lease kept */
    public void delete(String id, boolean sync) {
        GrpcErrors.call(() -> stub.delete(DeleteRequest.newBuilder().setId(id).setSync(sync).build()));
    }

    @Override
    public List<Lease> list(List<String> filters) {
        return GrpcErrors.call(() -> stub.list(ListRequest.newBuilder().addAllFilters(filters).build())
                .getLeasesList().stream().map(LeasesClient::fromProto).toList());
    }

    @Override
    public void addResource(String leaseId, Resource resource) {
        GrpcErrors.call(() -> stub.addResource(AddResourceRequest.newBuilder()
                .setId(leaseId).setResource(toProto(resource)).build()));
    }

    @Override
    public void deleteResource(String leaseId, Resource resource) {
        GrpcErrors.call(() -> stub.deleteResource(DeleteResourceRequest.newBuilder()
                .setId(leaseId).setResource(toProto(resource)).build()));
    }

    @Override
    public List<Resource> listResources(String leaseId) {
        return GrpcErrors.call(() -> stub.listResources(ListResourcesRequest.newBuilder().setId(leaseId).build())
                .getResourcesList().stream().map(r -> new Resource(r.getId(), r.getType())).toList());
    }

    private static Lease fromProto(LeasesOuterClass.Lease lease) {
        return new Lease(lease.getId(),
                Instant.ofEpochSecond(lease.getCreatedAt().getSeconds(), lease.getCreatedAt().getNanos()),
                lease.getLabelsMap());
    }

    private static LeasesOuterClass.Resource toProto(Resource resource) {
        return LeasesOuterClass.Resource.newBuilder().setId(resource.id()).setType(resource.type()).build();
    }
}
