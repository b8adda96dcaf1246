package io.jcontainerd.services.snapshots;

import containerd.events.Snapshot.SnapshotCommit;
import containerd.events.Snapshot.SnapshotPrepare;
import containerd.events.Snapshot.SnapshotRemove;
import io.grpc.Status;
import io.jcontainerd.core.events.Publisher;
import io.jcontainerd.core.metadata.MetadataStore;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.core.snapshots.NamespacedSnapshotters;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.services.events.EventProtos;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code io.containerd.service.v1 snapshots-service}: the metadata layer's snapshotters by name,
 * publishing {@code /snapshot/prepare}, {@code /snapshot/commit} and {@code /snapshot/remove}
 * after those succeed, as upstream's service does.
 */
public final class SnapshotsService {
    public static final String ID = "snapshots-service";
    private final NamespacedSnapshotters snapshotters;
    private final Publisher publisher;

    public SnapshotsService(NamespacedSnapshotters snapshotters, Publisher publisher) {
        this.snapshotters = snapshotters;
        this.publisher = publisher;
    }

    public static Registration<SnapshotsService> registration() {
        return Registration.of(PluginTypes.SERVICE, ID, List.of(PluginTypes.METADATA, PluginTypes.EVENT),
                ctx -> new SnapshotsService(ctx.plugins().single(PluginTypes.METADATA, MetadataStore.class).snapshotters(),
                        ctx.plugins().single(PluginTypes.EVENT, Publisher.class)));
    }

    /**
     * {@return snapshotter {@code name} in the call's namespace}
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT without a name or for one not loaded, as upstream
     */
    public Snapshotter snapshotter(String name, String namespace, Optional<String> lease) {
        if (name.isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription("snapshotter argument missing").asRuntimeException();
        }
        if (!snapshotters.names().contains(name)) {
            throw Status.INVALID_ARGUMENT.withDescription("snapshotter not loaded: " + name).asRuntimeException();
        }
        return snapshotters.in(name, namespace, lease);
    }

    public List<Mount> prepare(Snapshotter sn, String namespace, String key, String parent, Map<String, String> labels)
            throws IOException {
        List<Mount> mounts = sn.prepare(key, parent, labels);
        publisher.publish(namespace, "/snapshot/prepare", EventProtos.payload(
                SnapshotPrepare.newBuilder().setKey(key).setParent(parent).build()));
        return mounts;
    }

    public void commit(Snapshotter sn, String namespace, String name, String key, Map<String, String> labels)
            throws IOException {
        sn.commit(name, key, labels);
        publisher.publish(namespace, "/snapshot/commit", EventProtos.payload(
                SnapshotCommit.newBuilder().setKey(key).setName(name).build()));
    }

    public void remove(Snapshotter sn, String namespace, String key) throws IOException {
        sn.remove(key);
        publisher.publish(namespace, "/snapshot/remove", EventProtos.payload(SnapshotRemove.newBuilder().setKey(key).build()));
    }
}
