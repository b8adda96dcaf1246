package io.jcontainerd.client.images;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.image.archive.ImageKeys;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.Layer;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.SnapshotChain;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Unpacks an image into snapshots on the client side, as containerd 1.6's {@code image.Unpack}
 * with {@code rootfs.ApplyLayer}: the layers of the manifest for the platform become a
 * {@link SnapshotChain} built through the Snapshots and Diff APIs. The layer blob
 * is then labelled with its diff ID and the config with the top snapshot, so garbage collection
 * keeps the unpacked image. All of it under a temporary lease (or the one already in force).
 */
public final class Unpacker {
    private final ContainerdClient client;

    public Unpacker(ContainerdClient client) {
        this.client = client;
    }

    /**
     * @param snapshotter the snapshotter's name; empty for the namespace's default
     */
    public void unpack(Image image, MatchComparer platform, String snapshotter) throws IOException {
        client.withTemporaryLease(() -> {
            var content = client.content();
            ImageDescriptor target = ImageDescriptor.from(image.target());
            List<Layer> layers = Images.layers(content, target, platform);
            SnapshotsClient sn = client.snapshotsOrDefault(snapshotter);
            SnapshotChain.Target snapshots = chainTarget(sn);
            List<Digest> chain = new ArrayList<>();
            for (Layer layer : layers) {
                if (SnapshotChain.extend(snapshots, chain, layer)) {
                    // the diff ID has been verified by the apply
                    content.update(layer.blob().digest(), Map.of(ImageKeys.UNCOMPRESSED_LABEL, layer.diffId().toString()),
                            List.of("labels." + ImageKeys.UNCOMPRESSED_LABEL));
                }
                chain.add(layer.diffId());
            }
            ImageDescriptor config = Images.config(content, target, platform);
            String key = GcLabels.SNAPSHOT_REF + sn.name();
            String rootfs = SnapshotChain.name(chain);
            content.update(config.digest(), Map.of(key, rootfs), List.of("labels." + key));
            return null;
        });
    }

    /**
     * {@return whether the snapshot of the image's whole layer chain (for {@code platform}) exists
     * in the snapshotter (empty name: the namespace's default)}
     */
    public boolean isUnpacked(Image image, MatchComparer platform, String snapshotter) throws IOException {
        SnapshotsClient sn = client.snapshotsOrDefault(snapshotter);
        ImageDescriptor target = ImageDescriptor.from(image.target());
        List<Digest> diffIds = Images.rootFs(client.content(), Images.config(client.content(), target, platform));
        try {
            sn.stat(SnapshotChain.name(diffIds));
            return true;
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** The snapshotter and the daemon's differ, through their APIs, under the client's current lease. */
    private SnapshotChain.Target chainTarget(SnapshotsClient sn) {
        return new SnapshotChain.Target() {
            @Override
            public void stat(String key) {
                sn.stat(key);
            }

            @Override
            public List<Mount> prepare(String key, String parent) {
                return sn.prepare(key, parent, Map.of());
            }

            @Override
            public Descriptor apply(Descriptor layer, List<Mount> mounts) {
                return client.diff().apply(layer, mounts);
            }

            @Override
            public void commit(String name, String key) {
                sn.commit(name, key, Map.of());
            }

            @Override
            public void remove(String key) {
                sn.remove(key);
            }
        };
    }
}
