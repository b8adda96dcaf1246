package io.jcontainerd.daemon.aot;

import com.google.protobuf.ByteString;
import containerd.services.content.v1.ContentGrpc;
import containerd.services.content.v1.ContentOuterClass.InfoRequest;
import containerd.services.content.v1.ContentOuterClass.ListContentRequest;
import containerd.services.content.v1.ContentOuterClass.ReadContentRequest;
import containerd.services.content.v1.ContentOuterClass.WriteAction;
import containerd.services.content.v1.ContentOuterClass.WriteContentRequest;
import containerd.services.content.v1.ContentOuterClass.WriteContentResponse;
import containerd.services.diff.v1.DiffGrpc;
import containerd.services.diff.v1.DiffOuterClass.ApplyRequest;
import containerd.services.images.v1.ImagesGrpc;
import containerd.services.images.v1.ImagesOuterClass.CreateImageRequest;
import containerd.services.images.v1.ImagesOuterClass.DeleteImageRequest;
import containerd.services.images.v1.ImagesOuterClass.GetImageRequest;
import containerd.services.images.v1.ImagesOuterClass.Image;
import containerd.services.images.v1.ImagesOuterClass.ListImagesRequest;
import containerd.services.leases.v1.LeasesGrpc;
import containerd.services.leases.v1.LeasesOuterClass.CreateRequest;
import containerd.services.leases.v1.LeasesOuterClass.DeleteRequest;
import containerd.services.snapshots.v1.SnapshotsGrpc;
import containerd.services.snapshots.v1.SnapshotsOuterClass.CommitSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.ListSnapshotsRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.MountsRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.PrepareSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.RemoveSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.StatSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UsageRequest;
import containerd.types.DescriptorOuterClass.Descriptor;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.services.grpc.RequestLease;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client side of an image import or pull, as ctr drives it, for the AOT training run: blobs
 * written under a lease, an image created, its layer unpacked into a snapshot through Diff.Apply,
 * then everything removed and collected. So the classes a first pull needs are in the cache.
 */
final class UnpackTraining {
    private static final String SNAPSHOTTER = "overlayfs";

    private final Channel channel;

    UnpackTraining(Channel channel) {
        this.channel = channel;
    }

    void run(int round) throws Exception {
        String lease = "aot-lease-" + round;
        LeasesGrpc.newBlockingStub(channel).create(CreateRequest.newBuilder().setId(lease).build());
        Channel leased = leased(channel, lease);

        byte[] layer = TrainingBlobs.gzip(TrainingBlobs.tar("etc/aot-" + round, "trained\n"));
        Descriptor layerDesc = write(leased, "layer-" + round, layer, "application/vnd.oci.image.layer.v1.tar+gzip");
        var content = ContentGrpc.newBlockingStub(leased);
        content.info(InfoRequest.newBuilder().setDigest(layerDesc.getDigest()).build());
        content.list(ListContentRequest.getDefaultInstance()).forEachRemaining(r -> { });
        content.read(ReadContentRequest.newBuilder().setDigest(layerDesc.getDigest()).build()).forEachRemaining(r -> { });

        var images = ImagesGrpc.newBlockingStub(leased);
        String name = "aot.local/training:" + round;
        images.create(CreateImageRequest.newBuilder().setImage(Image.newBuilder().setName(name).setTarget(layerDesc)).build());
        images.get(GetImageRequest.newBuilder().setName(name).build());
        images.list(ListImagesRequest.getDefaultInstance());

        var snapshots = SnapshotsGrpc.newBlockingStub(leased);
        String key = "extract-" + round;
        var mounts = snapshots.prepare(PrepareSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey(key).build())
                .getMountsList();
        DiffGrpc.newBlockingStub(leased).apply(ApplyRequest.newBuilder().setDiff(layerDesc).addAllMounts(mounts).build());
        snapshots.commit(CommitSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setName("layer-" + round)
                .setKey(key).build());
        snapshots.stat(StatSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey("layer-" + round).build());
        snapshots.usage(UsageRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey("layer-" + round).build());
        snapshots.prepare(PrepareSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey("rw-" + round)
                .setParent("layer-" + round).build());
        snapshots.mounts(MountsRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey("rw-" + round).build());
        snapshots.list(ListSnapshotsRequest.newBuilder().setSnapshotter(SNAPSHOTTER).build()).forEachRemaining(r -> { });
        snapshots.remove(RemoveSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey("rw-" + round).build());

        images.delete(DeleteImageRequest.newBuilder().setName(name).build());
        LeasesGrpc.newBlockingStub(channel).delete(DeleteRequest.newBuilder().setId(lease).setSync(true).build());
    }

    /** {@return {@code channel} with every call made under {@code lease}} */
    static Channel leased(Channel channel, String lease) {
        Metadata headers = new Metadata();
        headers.put(RequestLease.HEADER, lease);
        return io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** One Write stream: the blob in one message with commit, as ctr's small writes go. */
    static Descriptor write(Channel channel, String ref, byte[] data, String mediaType) throws Exception {
        String digest = TrainingBlobs.digest(data);
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<WriteContentRequest> requests = ContentGrpc.newStub(channel).write(new StreamObserver<>() {
            @Override
            public void onNext(WriteContentResponse value) {
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        requests.onNext(WriteContentRequest.newBuilder().setAction(WriteAction.STAT).setRef(ref).setTotal(data.length)
                .setExpected(digest).build());
        requests.onNext(WriteContentRequest.newBuilder().setAction(WriteAction.COMMIT).setRef(ref).setTotal(data.length)
                .setExpected(digest).setData(ByteString.copyFrom(data)).build());
        requests.onCompleted();
        done.get(30, TimeUnit.SECONDS);
        return Descriptor.newBuilder().setMediaType(mediaType).setDigest(digest).setSize(data.length).build();
    }
}
