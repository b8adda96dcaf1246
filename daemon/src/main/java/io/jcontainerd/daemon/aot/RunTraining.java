package io.jcontainerd.daemon.aot;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import containerd.services.containers.v1.ContainersGrpc;
import containerd.services.containers.v1.ContainersOuterClass.Container;
import containerd.services.containers.v1.ContainersOuterClass.CreateContainerRequest;
import containerd.services.containers.v1.ContainersOuterClass.DeleteContainerRequest;
import containerd.services.containers.v1.ContainersOuterClass.GetContainerRequest;
import containerd.services.diff.v1.DiffGrpc;
import containerd.services.diff.v1.DiffOuterClass.ApplyRequest;
import containerd.services.leases.v1.LeasesGrpc;
import containerd.services.leases.v1.LeasesOuterClass.CreateRequest;
import containerd.services.leases.v1.LeasesOuterClass.DeleteRequest;
import containerd.services.snapshots.v1.SnapshotsGrpc;
import containerd.services.snapshots.v1.SnapshotsOuterClass.CommitSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.MountsRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.PrepareSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.RemoveSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.StatSnapshotRequest;
import containerd.services.tasks.v1.TasksGrpc;
import containerd.services.tasks.v1.TasksOuterClass.CreateTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.DeleteTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.GetRequest;
import containerd.services.tasks.v1.TasksOuterClass.StartRequest;
import containerd.services.tasks.v1.TasksOuterClass.WaitRequest;
import containerd.services.tasks.v1.TasksOuterClass.WaitResponse;
import containerd.types.DescriptorOuterClass.Descriptor;
import containerd.types.MountOuterClass.Mount;
import io.grpc.Channel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's side of {@code ctr run --rm IMAGE ID true}, call for call, for the AOT training run:
 * a leased snapshot on the image's layers and a container, a task through the runc shim, its exit,
 * and the clean-up. The training repeats it until the JIT has compiled the path, so that the
 * cache's replay compiles it at every start instead of the first few dozen containers running it
 * in the interpreter.
 *
 * <p>The image is one layer holding the host's {@code /usr/bin/true} and the two libraries it
 * loads: the training has no registry image to run.
 */
final class RunTraining implements AutoCloseable {
    /** Enough runs for a method called once per run to reach C1's threshold at the daemon's scaling. */
    static final int RUNS = 70;
    private static final String SNAPSHOTTER = "overlayfs";
    private static final String IMAGE_SNAPSHOT = "aot-run-image";
    private static final String IMAGE_LEASE = "aot-run-image-lease";
    private static final List<String> IMAGE_FILES = List.of("usr/bin/true", "lib/x86_64-linux-gnu/libc.so.6",
            "lib64/ld-linux-x86-64.so.2");
    private static final String SPEC = """
            {"ociVersion":"1.0.2-dev","process":{"user":{"uid":0,"gid":0},"args":["/usr/bin/true"],\
            "env":["PATH=/usr/bin"],"cwd":"/","noNewPrivileges":true},"root":{"path":"rootfs","readonly":true},\
            "hostname":"aot-training",\
            "mounts":[{"destination":"/proc","type":"proc","source":"proc","options":["nosuid","noexec","nodev"]}],"linux":{"cgroupsPath":"/aot-training-%s",\
            "namespaces":[{"type":"pid"},{"type":"ipc"},{"type":"uts"},{"type":"mount"}]}}""";

    private final Channel channel;

    private RunTraining(Channel channel) {
        this.channel = channel;
    }

    /** Unpacks the image's layer into {@value #IMAGE_SNAPSHOT}; fails where the host has no such files. */
    static RunTraining withImage(Channel channel) throws Exception {
        List<TrainingBlobs.Entry> files = new ArrayList<>();
        for (String file : IMAGE_FILES) {
            files.add(TrainingBlobs.Entry.file(file, 0755, Files.readAllBytes(Path.of("/", file))));
        }
        LeasesGrpc.newBlockingStub(channel).create(CreateRequest.newBuilder().setId(IMAGE_LEASE).build());
        Channel leased = UnpackTraining.leased(channel, IMAGE_LEASE);
        Descriptor layer = UnpackTraining.write(leased, IMAGE_SNAPSHOT, TrainingBlobs.tar(files),
                "application/vnd.oci.image.layer.v1.tar");
        var snapshots = SnapshotsGrpc.newBlockingStub(leased);
        String extract = IMAGE_SNAPSHOT + "-extract";
        var mounts = snapshots.prepare(PrepareSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey(extract)
                .build()).getMountsList();
        DiffGrpc.newBlockingStub(leased).apply(ApplyRequest.newBuilder().setDiff(layer).addAllMounts(mounts).build());
        snapshots.commit(CommitSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setName(IMAGE_SNAPSHOT)
                .setKey(extract).build());
        return new RunTraining(channel);
    }

    void run(int round) throws Exception {
        String id = "aot-run-" + round;
        String lease = id + "-lease";
        var leases = LeasesGrpc.newBlockingStub(channel);
        leases.create(CreateRequest.newBuilder().setId(lease).putLabels("containerd.io/gc.expire", "2099-01-01T00:00:00Z")
                .build());
        Channel leased = UnpackTraining.leased(channel, lease);
        var snapshots = SnapshotsGrpc.newBlockingStub(channel);
        snapshots.stat(StatSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey(IMAGE_SNAPSHOT).build());
        SnapshotsGrpc.newBlockingStub(leased).prepare(PrepareSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER)
                .setKey(id).setParent(IMAGE_SNAPSHOT).build());
        var containers = ContainersGrpc.newBlockingStub(channel);
        try {
            ContainersGrpc.newBlockingStub(leased).create(CreateContainerRequest.newBuilder().setContainer(
                    Container.newBuilder().setId(id).setImage(IMAGE_SNAPSHOT)
                            .setRuntime(Container.Runtime.newBuilder().setName("io.containerd.runc.v2"))
                            .setSpec(Any.newBuilder().setTypeUrl("types.containerd.io/opencontainers/runtime-spec/1/Spec")
                                    .setValue(ByteString.copyFrom(SPEC.formatted(id), StandardCharsets.UTF_8)))
                            .setSnapshotter(SNAPSHOTTER).setSnapshotKey(id)).build());
            leases.delete(DeleteRequest.newBuilder().setId(lease).build());
            containers.get(GetContainerRequest.newBuilder().setId(id).build());
            var rootfs = snapshots.mounts(MountsRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey(id).build())
                    .getMountsList();
            containers.get(GetContainerRequest.newBuilder().setId(id).build());
            runTask(id, rootfs);
        } finally {
            containers.get(GetContainerRequest.newBuilder().setId(id).build());
            snapshots.remove(RemoveSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey(id).build());
            containers.delete(DeleteContainerRequest.newBuilder().setId(id).build());
        }
    }

    private void runTask(String id, List<Mount> rootfs) throws Exception {
        var tasks = TasksGrpc.newBlockingStub(channel);
        tasks.create(CreateTaskRequest.newBuilder().setContainerId(id).addAllRootfs(rootfs).build());
        try {
            // ctr waits before it starts, so that it cannot miss the exit
            CompletableFuture<WaitResponse> exited = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    exited.complete(tasks.wait(WaitRequest.newBuilder().setContainerId(id).build()));
                } catch (RuntimeException e) {
                    exited.completeExceptionally(e);
                }
            });
            tasks.start(StartRequest.newBuilder().setContainerId(id).build());
            exited.get(30, TimeUnit.SECONDS);
            tasks.get(GetRequest.newBuilder().setContainerId(id).build());
        } finally {
            tasks.delete(DeleteTaskRequest.newBuilder().setContainerId(id).build());
        }
    }

    @Override
    public void close() {
        SnapshotsGrpc.newBlockingStub(channel).remove(RemoveSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER)
                .setKey(IMAGE_SNAPSHOT).build());
        LeasesGrpc.newBlockingStub(channel).delete(DeleteRequest.newBuilder().setId(IMAGE_LEASE).setSync(true).build());
    }
}
