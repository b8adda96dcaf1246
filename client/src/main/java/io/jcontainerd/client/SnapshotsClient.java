package io.jcontainerd.client;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import containerd.services.snapshots.v1.SnapshotsGrpc.SnapshotsBlockingStub;
import containerd.services.snapshots.v1.SnapshotsGrpc;
import containerd.services.snapshots.v1.SnapshotsOuterClass.CleanupRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.CommitSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.ListSnapshotsRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.MountsRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.PrepareSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.RemoveSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.StatSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UpdateSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UsageRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.ViewSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.jcontainerd.api.convert.DescriptorProtos;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.core.snapshots.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One of the daemon's snapshotters, in the client's namespace: the {@code containerd.services.snapshots.v1}
 * API as a {@link Snapshotter}, like containerd's snapshot proxy. Every request names the snapshotter.
 */
public final class SnapshotsClient implements Snapshotter {
    private final SnapshotsBlockingStub stub;
    private final String snapshotter;

    SnapshotsClient(Channel channel, String snapshotter) {
        this.stub = SnapshotsGrpc.newBlockingStub(channel);
        this.snapshotter = snapshotter;
    }

    /** {@return the name of the snapshotter this client talks to} */
    public String name() {
        return snapshotter;
    }

    @Override
    public Info stat(String key) {
        return GrpcErrors.call(() -> fromProto(stub.stat(StatSnapshotRequest.newBuilder()
                .setSnapshotter(snapshotter).setKey(key).build()).getInfo()));
    }

    @Override
    public Info update(Info info, List<String> fieldpaths) {
        return GrpcErrors.call(() -> fromProto(stub.update(UpdateSnapshotRequest.newBuilder()
                .setSnapshotter(snapshotter).setInfo(toProto(info))
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(fieldpaths)).build()).getInfo()));
    }

    @Override
    public Usage usage(String key) {
        return GrpcErrors.call(() -> {
            var r = stub.usage(UsageRequest.newBuilder().setSnapshotter(snapshotter).setKey(key).build());
            return new Usage(r.getInodes(), r.getSize());
        });
    }

    @Override
    public List<Mount> mounts(String key) {
        return GrpcErrors.call(() -> DescriptorProtos.mounts(stub.mounts(MountsRequest.newBuilder()
                .setSnapshotter(snapshotter).setKey(key).build()).getMountsList()));
    }

    @Override
    public List<Mount> prepare(String key, String parent, Map<String, String> labels) {
        return GrpcErrors.call(() -> DescriptorProtos.mounts(stub.prepare(PrepareSnapshotRequest.newBuilder()
                .setSnapshotter(snapshotter).setKey(key).setParent(parent).putAllLabels(labels).build()).getMountsList()));
    }

    @Override
    public List<Mount> view(String key, String parent, Map<String, String> labels) {
        return GrpcErrors.call(() -> DescriptorProtos.mounts(stub.view(ViewSnapshotRequest.newBuilder()
                .setSnapshotter(snapshotter).setKey(key).setParent(parent).putAllLabels(labels).build()).getMountsList()));
    }

    @Override
    public void commit(String name, String key, Map<String, String> labels) {
        GrpcErrors.call(() -> stub.commit(CommitSnapshotRequest.newBuilder()
                .setSnapshotter(snapshotter).setName(name).setKey(key).putAllLabels(labels).build()));
    }

    @Override
    public void remove(String key) {
        GrpcErrors.call(() -> stub.remove(RemoveSnapshotRequest.newBuilder().setSnapshotter(snapshotter).setKey(key).build()));
    }

    /** Lists every snapshot and tests each here; prefer {@link #walk(List, Consumer)}, which filters on the daemon. */
    @Override
    public void walk(Predicate<Info> filter, Consumer<Info> visitor) {
        walk(List.of(), info -> {
            if (filter.test(info)) {
                visitor.accept(info);
            }
        });
    }

    @Override
    public void walk(List<String> filters, Consumer<Info> visitor) {
        try {
            stub.list(ListSnapshotsRequest.newBuilder().setSnapshotter(snapshotter).addAllFilters(filters).build())
                    .forEachRemaining(r -> r.getInfoList().forEach(i -> visitor.accept(fromProto(i))));
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toErrdefs(e);
        }
    }

    @Override
    public void cleanup() {
        GrpcErrors.call(() -> stub.cleanup(CleanupRequest.newBuilder().setSnapshotter(snapshotter).build()));
    }

    /** The channel belongs to the client; nothing to release here. */
    @Override
    public void close() {
    }

    private static Info fromProto(SnapshotsOuterClass.Info info) {
        return new Info(kind(info.getKind()), info.getName(), info.getParent(), info.getLabelsMap(),
                instant(info.getCreatedAt()), instant(info.getUpdatedAt()));
    }

    /** As containerd's proxy: anything but active or view reads as committed. */
    private static Kind kind(SnapshotsOuterClass.Kind kind) {
        return switch (kind) {
            case ACTIVE -> Kind.ACTIVE;
            case VIEW -> Kind.VIEW;
            default -> Kind.COMMITTED;
        };
    }

    private static SnapshotsOuterClass.Info toProto(Info info) {
        var b = SnapshotsOuterClass.Info.newBuilder().setName(info.name()).setParent(info.parent())
                .setKind(switch (info.kind()) {
                    case ACTIVE -> SnapshotsOuterClass.Kind.ACTIVE;
                    case VIEW -> SnapshotsOuterClass.Kind.VIEW;
                    default -> SnapshotsOuterClass.Kind.COMMITTED;
                })
                .putAllLabels(info.labels());
        if (info.created() != null) {
            b.setCreatedAt(timestamp(info.created()));
        }
        if (info.updated() != null) {
            b.setUpdatedAt(timestamp(info.updated()));
        }
        return b.build();
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static Timestamp timestamp(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }
}
