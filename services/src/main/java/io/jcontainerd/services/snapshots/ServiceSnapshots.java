package io.jcontainerd.services.snapshots;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.image.SnapshotChain;
import io.jcontainerd.services.diff.DiffService;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A {@link SnapshotChain.Target} inside the daemon: the snapshotter through the snapshots service
 * (which publishes the {@code /snapshot/*} events a client-side unpack would cause) and the
 * configured differs through the diff service. Used by the daemon's pull and archive import.
 */
public record ServiceSnapshots(SnapshotsService snapshots, Snapshotter snapshotter, DiffService diff, String namespace)
        implements SnapshotChain.Target {
    @Override
    public void stat(String key) throws IOException {
        snapshotter.stat(key);
    }

    @Override
    public List<Mount> prepare(String key, String parent) throws IOException {
        return snapshots.prepare(snapshotter, namespace, key, parent, Map.of());
    }

    @Override
    public Descriptor apply(Descriptor layer, List<Mount> mounts) throws IOException {
        return diff.apply(namespace, layer, mounts);
    }

    @Override
    public void commit(String name, String key) throws IOException {
        snapshots.commit(snapshotter, namespace, name, key, Map.of());
    }

    @Override
    public void remove(String key) throws IOException {
        snapshots.remove(snapshotter, namespace, key);
    }
}
