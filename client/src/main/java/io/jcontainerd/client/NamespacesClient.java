package io.jcontainerd.client;

import com.google.protobuf.FieldMask;
import containerd.services.namespaces.v1.NamespaceOuterClass;
import containerd.services.namespaces.v1.NamespaceOuterClass.CreateNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.DeleteNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.GetNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.ListNamespacesRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.UpdateNamespaceRequest;
import containerd.services.namespaces.v1.NamespacesGrpc;
import containerd.services.namespaces.v1.NamespacesGrpc.NamespacesBlockingStub;
import io.grpc.Channel;
import java.util.List;
import java.util.Map;

/** The namespaces service: namespaces are created empty and deleted only when empty. */
public final class NamespacesClient {
    private final NamespacesBlockingStub stub;

    NamespacesClient(Channel channel) {
        this.stub = NamespacesGrpc.newBlockingStub(channel);
    }

    public void create(String name, Map<String, String> labels) {
        GrpcErrors.call(() -> stub.create(CreateNamespaceRequest.newBuilder()
                .setNamespace(toProto(name, labels))
                .build()));
    }

    public Namespace get(String name) {
        return GrpcErrors.call(() -> fromProto(stub.get(GetNamespaceRequest.newBuilder().setName(name).build())
                .getNamespace()));
    }

    /** {@return every namespace with its labels, in the server's order} */
    public List<Namespace> list() {
        return GrpcErrors.call(() -> stub.list(ListNamespacesRequest.getDefaultInstance())
                .getNamespacesList().stream().map(NamespacesClient::fromProto).toList());
    }

    /** Sets one label; an empty value removes it (the server drops empty labels). */
    public void setLabel(String name, String key, String value) {
        GrpcErrors.call(() -> stub.update(UpdateNamespaceRequest.newBuilder()
                .setNamespace(toProto(name, Map.of(key, value)))
                .setUpdateMask(FieldMask.newBuilder().addPaths("labels." + key))
                .build()));
    }

    /** Fails with FAILED_PRECONDITION while the namespace still holds anything. */
    public void delete(String name) {
        GrpcErrors.call(() -> stub.delete(DeleteNamespaceRequest.newBuilder().setName(name).build()));
    }

    private static NamespaceOuterClass.Namespace toProto(String name, Map<String, String> labels) {
        return NamespaceOuterClass.Namespace.newBuilder().setName(name).putAllLabels(labels).build();
    }

    private static Namespace fromProto(NamespaceOuterClass.Namespace ns) {
        return new Namespace(ns.getName(), ns.getLabelsMap());
    }
}
