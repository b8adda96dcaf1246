package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;

/** containerd's {@code container.Delete}, optionally {@code WithSnapshotCleanup}: the snapshot (if any is left) first. */
public final class ContainerRemoval {
    private ContainerRemoval() {
    }

    public static void remove(ContainerdClient client, String id, boolean withSnapshot) {
        Container container = client.containers().get(id);
        if (withSnapshot && !container.snapshotKey().isEmpty()) {
            try {
                client.snapshots(container.snapshotter()).remove(container.snapshotKey());
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        client.containers().delete(id);
    }
}
