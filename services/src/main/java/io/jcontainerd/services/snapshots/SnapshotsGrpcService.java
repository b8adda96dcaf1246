package io.jcontainerd.services.snapshots;

import com.google.protobuf.Empty;
import containerd.services.snapshots.v1.SnapshotsGrpc;
import containerd.services.snapshots.v1.SnapshotsOuterClass.CleanupRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.CommitSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.ListSnapshotsRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.ListSnapshotsResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass.MountsRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.MountsResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass.PrepareSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.PrepareSnapshotResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass.RemoveSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.StatSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.StatSnapshotResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UpdateSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UpdateSnapshotResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UsageRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UsageResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass.ViewSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.ViewSnapshotResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.api.convert.DescriptorProtos;
import io.jcontainerd.api.convert.Timestamps;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.core.snapshots.Usage;
import io.jcontainerd.services.grpc.GrpcErrors;
import io.jcontainerd.services.grpc.InlineMethods;
import io.jcontainerd.services.grpc.RequestLease;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.services.grpc.Unary;
import java.util.List;
import java.util.Set;

/** {@code io.containerd.grpc.v1 snapshots}: the Snapshots API over {@link SnapshotsService}, in the call's namespace. */
public final class SnapshotsGrpcService extends SnapshotsGrpc.SnapshotsImplBase implements InlineMethods {
    /** Upstream's List sends infos in blocks of this many. */
    static final int LIST_BATCH = 100;

    private final SnapshotsService service;

    public SnapshotsGrpcService(SnapshotsService service) {
        this.service = service;
    }

    public static Registration<SnapshotsGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "snapshots", List.of(PluginTypes.SERVICE), ctx ->
                new SnapshotsGrpcService(ctx.plugins().byId(PluginTypes.SERVICE, SnapshotsService.ID, SnapshotsService.class)
                        .orElseThrow(() -> new IllegalStateException("snapshots service not found"))));
    }

    private Snapshotter snapshotter(String name) {
        return service.snapshotter(name, RequestNamespace.required(), RequestLease.current());
    }

    @Override
    public Set<String> inlineMethods() {
        return Set.of(SnapshotsGrpc.getStatMethod().getFullMethodName(), SnapshotsGrpc.getMountsMethod().getFullMethodName());
    }

    @Override
    public void prepare(PrepareSnapshotRequest request, StreamObserver<PrepareSnapshotResponse> observer) {
        Unary.reply(observer, () -> {
            Snapshotter sn = snapshotter(request.getSnapshotter());
            List<Mount> mounts = service.prepare(sn, RequestNamespace.required(), request.getKey(), request.getParent(),
                    request.getLabelsMap());
            return PrepareSnapshotResponse.newBuilder().addAllMounts(mounts.stream().map(DescriptorProtos::proto).toList())
                    .build();
        });
    }

    @Override
    public void view(ViewSnapshotRequest request, StreamObserver<ViewSnapshotResponse> observer) {
        Unary.reply(observer, () -> {
            List<Mount> mounts = snapshotter(request.getSnapshotter()).view(request.getKey(), request.getParent(),
                    request.getLabelsMap());
            return ViewSnapshotResponse.newBuilder().addAllMounts(mounts.stream().map(DescriptorProtos::proto).toList())
                    .build();
        });
    }

    @Override
    public void mounts(MountsRequest request, StreamObserver<MountsResponse> observer) {
        Unary.reply(observer, () -> MountsResponse.newBuilder().addAllMounts(
                snapshotter(request.getSnapshotter()).mounts(request.getKey()).stream().map(DescriptorProtos::proto).toList())
                .build());
    }

    @Override
    public void commit(CommitSnapshotRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.commit(snapshotter(request.getSnapshotter()), RequestNamespace.required(), request.getName(),
                    request.getKey(), request.getLabelsMap());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void remove(RemoveSnapshotRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.remove(snapshotter(request.getSnapshotter()), RequestNamespace.required(), request.getKey());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void stat(StatSnapshotRequest request, StreamObserver<StatSnapshotResponse> observer) {
        Unary.reply(observer, () -> StatSnapshotResponse.newBuilder()
                .setInfo(proto(snapshotter(request.getSnapshotter()).stat(request.getKey()))).build());
    }

    @Override
    public void update(UpdateSnapshotRequest request, StreamObserver<UpdateSnapshotResponse> observer) {
        Unary.reply(observer, () -> {
            SnapshotsOuterClass.Info in = request.getInfo();
            Info wanted = new Info(Kind.UNKNOWN, in.getName(), in.getParent(), in.getLabelsMap(), null, null);
            Info updated = snapshotter(request.getSnapshotter()).update(wanted,
                    request.hasUpdateMask() ? request.getUpdateMask().getPathsList() : List.of());
            return UpdateSnapshotResponse.newBuilder().setInfo(proto(updated)).build();
        });
    }

    @Override
    public void list(ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> observer) {
        try {
            var block = ListSnapshotsResponse.newBuilder();
            snapshotter(request.getSnapshotter()).walk(request.getFiltersList(), info -> {
                block.addInfo(proto(info));
                if (block.getInfoCount() >= LIST_BATCH) {
                    observer.onNext(block.build());
                    block.clear();
                }
            });
            if (block.getInfoCount() > 0) {
                observer.onNext(block.build());
            }
            observer.onCompleted();
        } catch (Exception | Error e) {
            observer.onError(GrpcErrors.toException(e));
        }
    }

    @Override
    public void usage(UsageRequest request, StreamObserver<UsageResponse> observer) {
        Unary.reply(observer, () -> {
            Usage usage = snapshotter(request.getSnapshotter()).usage(request.getKey());
            return UsageResponse.newBuilder().setSize(usage.size()).setInodes(usage.inodes()).build();
        });
    }

    @Override
    public void cleanup(CleanupRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            snapshotter(request.getSnapshotter()).cleanup();
            return Empty.getDefaultInstance();
        });
    }

    private static SnapshotsOuterClass.Info proto(Info info) {
        return SnapshotsOuterClass.Info.newBuilder()
                .setName(info.name())
                .setParent(info.parent())
                .setKindValue(info.kind().ordinal())
                .setCreatedAt(Timestamps.orZero(info.created()))
                .setUpdatedAt(Timestamps.orZero(info.updated()))
                .putAllLabels(info.labels())
                .build();
    }
}
