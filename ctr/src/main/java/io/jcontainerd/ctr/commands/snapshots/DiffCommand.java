package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes the layer between two snapshots (by default a snapshot and its parent) to content
 * through the diff service and copies the blob to stdout, as ctr does. All of it runs under a
 * temporary lease, so the blob is collected afterwards unless {@code --keep} labels it a root.
 */
@Command(name = "diff", header = "get the diff of two snapshots. the default second snapshot is the first snapshot's parent.",
        customSynopsis = "[flags] <idA> [<idB>]")
final class DiffCommand extends SnapshotterCommand {
    @Option(names = {"--media-type", "-media-type"}, description = "media type to use for creating diff",
            defaultValue = "application/vnd.oci.image.layer.v1.tar+gzip")
    String mediaType;

    @Option(names = {"--ref", "-ref"}, description = "content upload reference to use")
    String ref = "";

    @Option(names = {"--keep", "-keep"}, description = "keep diff content. up to creator to delete it.")
    boolean keep;

    @Option(names = {"--label", "-label"}, description = "labels to attach to the image")
    List<String> labels = new ArrayList<>();

    @Parameters
    List<String> ids = new ArrayList<>();

    /** The mounts of one side and how to release them. */
    private record Side(List<Mount> mounts, Runnable release) implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }

    @Override
    public int run(CommandContext context) throws IOException {
        String idA = ids.isEmpty() ? "" : ids.getFirst();
        String idB = ids.size() > 1 ? ids.get(1) : "";
        if (idA.isEmpty()) {
            throw new CommandException("snapshot id must be provided");
        }
        ContainerdClient client = context.client();
        Map<String, String> blobLabels = new LinkedHashMap<>(ObjectWithLabels.labels(labels));
        if (keep) {
            blobLabels.putAll(GcRoot.now());
        }
        SnapshotsClient snapshotter = snapshotter(context);
        client.withTemporaryLease(() -> {
            Descriptor layer = idB.isEmpty() ? diffWithParent(client, snapshotter, idA, blobLabels)
                    : diffBetween(client, snapshotter, idA, idB, blobLabels);
            client.content().read(layer.digest(), context.out());
            return null;
        });
        return 0;
    }

    /** ctr's {@code rootfs.CreateDiff}: a view of the parent against the snapshot (a view of it unless active). */
    private Descriptor diffWithParent(ContainerdClient client, SnapshotsClient snapshotter, String id,
            Map<String, String> blobLabels) {
        Info info = snapshotter.stat(id);
        try (Side lower = view(snapshotter, info.parent() + "-parent-view-" + UniqueKeys.part(), info.parent());
                Side upper = info.kind() == Kind.ACTIVE ? active(snapshotter, id)
                        : view(snapshotter, id + "-view-" + UniqueKeys.part(), id)) {
            return client.diff().compare(lower.mounts(), upper.mounts(), mediaType, ref, blobLabels);
        }
    }

    /** ctr's {@code withMounts} on each: the snapshot itself if active, else a view keyed {@code <id>-view-key}. */
    private Descriptor diffBetween(ContainerdClient client, SnapshotsClient snapshotter, String idA, String idB,
            Map<String, String> blobLabels) {
        try (Side a = mountsOf(snapshotter, idA); Side b = mountsOf(snapshotter, idB)) {
            return client.diff().compare(a.mounts(), b.mounts(), mediaType, ref, blobLabels);
        }
    }

    private static Side mountsOf(SnapshotsClient snapshotter, String id) {
        return snapshotter.stat(id).kind() == Kind.ACTIVE ? active(snapshotter, id) : view(snapshotter, id + "-view-key", id);
    }

    private static Side active(SnapshotsClient snapshotter, String id) {
        return new Side(snapshotter.mounts(id), () -> { });
    }

    /** A view removed again at the end; a failed removal goes unreported, as in ctr. */
    private static Side view(SnapshotsClient snapshotter, String key, String parent) {
        List<Mount> mounts = snapshotter.view(key, parent, Map.of());
        return new Side(mounts, () -> {
            try {
                snapshotter.remove(key);
            } catch (ErrdefsException ignored) {
                // ctr defers the removal and drops its error
            }
        });
    }
}
