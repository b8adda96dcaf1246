package io.jcontainerd.services.namespaces;

import com.google.protobuf.Empty;
import containerd.services.namespaces.v1.NamespaceOuterClass.CreateNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.CreateNamespaceResponse;
import containerd.services.namespaces.v1.NamespaceOuterClass.DeleteNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.GetNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.GetNamespaceResponse;
import containerd.services.namespaces.v1.NamespaceOuterClass.ListNamespacesRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.ListNamespacesResponse;
import containerd.services.namespaces.v1.NamespaceOuterClass.Namespace;
import containerd.services.namespaces.v1.NamespaceOuterClass.UpdateNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.UpdateNamespaceResponse;
import containerd.services.namespaces.v1.NamespacesGrpc;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.grpc.InlineMethods;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.services.grpc.Unary;
import java.util.List;
import java.util.Set;

/** {@code io.containerd.grpc.v1 namespaces}: the Namespaces API over {@link NamespacesService}. */
public final class NamespacesGrpcService extends NamespacesGrpc.NamespacesImplBase implements InlineMethods {
    private final NamespacesService service;

    public NamespacesGrpcService(NamespacesService service) {
        this.service = service;
    }

    public static Registration<NamespacesGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "namespaces", List.of(PluginTypes.SERVICE), ctx ->
                new NamespacesGrpcService(ctx.plugins()
                        .byId(PluginTypes.SERVICE, NamespacesService.ID, NamespacesService.class)
                        .orElseThrow(() -> new IllegalStateException("namespaces service not loaded"))));
    }

    @Override
    public Set<String> inlineMethods() {
        return Set.of(NamespacesGrpc.getGetMethod().getFullMethodName(), NamespacesGrpc.getListMethod().getFullMethodName());
    }

    @Override
    public void get(GetNamespaceRequest request, StreamObserver<GetNamespaceResponse> observer) {
        Unary.reply(observer, () -> GetNamespaceResponse.newBuilder()
                .setNamespace(toProto(request.getName()))
                .build());
    }

    @Override
    public void list(ListNamespacesRequest request, StreamObserver<ListNamespacesResponse> observer) {
        Unary.reply(observer, () -> {
            var response = ListNamespacesResponse.newBuilder();
            for (String name : service.list()) {
                response.addNamespaces(toProto(name));
            }
            return response.build();
        });
    }

    @Override
    public void create(CreateNamespaceRequest request, StreamObserver<CreateNamespaceResponse> observer) {
        Unary.reply(observer, () -> {
            service.create(RequestNamespace.current().orElse(null), request.getNamespace().getName(),
                    request.getNamespace().getLabelsMap());
            return CreateNamespaceResponse.newBuilder().setNamespace(request.getNamespace()).build();
        });
    }

    @Override
    public void update(UpdateNamespaceRequest request, StreamObserver<UpdateNamespaceResponse> observer) {
        Unary.reply(observer, () -> {
            Namespace ns = request.getNamespace();
            service.update(RequestNamespace.current().orElse(null), ns.getName(), ns.getLabelsMap(),
                    request.getUpdateMask().getPathsList());
            return UpdateNamespaceResponse.newBuilder().setNamespace(toProto(ns.getName())).build();
        });
    }

    @Override
    public void delete(DeleteNamespaceRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.delete(request.getName());
            return Empty.getDefaultInstance();
        });
    }

    private Namespace toProto(String name) {
        return Namespace.newBuilder().setName(name).putAllLabels(service.labels(name)).build();
    }
}
