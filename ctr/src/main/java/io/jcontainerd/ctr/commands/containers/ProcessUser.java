package io.jcontainerd.ctr.commands.containers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.core.containers.Container;
import java.io.IOException;

/**
 * containerd's {@code oci.WithUser} on an existing container's process spec ({@code tasks exec
 * --user}): the user resolved against the {@code /etc/passwd} and {@code /etc/group} in the
 * container's own snapshot.
 */
public final class ProcessUser {
    private ProcessUser() {
    }

    /** Sets {@code process.user.uid} and {@code gid} for {@code user} ({@code name}, {@code uid}, {@code a:b}). */
    public static void apply(ContainerdClient client, Container container, String user, ObjectNode process)
            throws IOException {
        RootfsFiles rootfs = new RootfsFiles(client.snapshots(container.snapshotter()).mounts(container.snapshotKey()));
        ImageUser resolved = ImageUser.resolve(user, rootfs);
        ObjectNode spec = process.get("user") instanceof ObjectNode existing ? existing : process.putObject("user");
        spec.put("uid", resolved.uid());
        spec.put("gid", resolved.gid());
    }
}
