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
import io.jcontainerd.core.leases.LeaseIds;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.image.ChainIds;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.Layer;
import io.jcontainerd.image.MatchComparer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Unpacks an image into snapshots on the client side, as containerd 1.6's {@code image.Unpack}
 * with {@code rootfs.ApplyLayer}: for each layer of the manifest for the platform, a snapshot
 * named by the chain ID so far, made (unless it exists) by preparing {@code extract-<unique> <chain ID>}
 * on the parent chain, applying the layer through the diff service and committing. The layer blob
 * is then labelled with its diff ID and the config with the top snapshot, so garbage collection
 * keeps the unpacked image. All of it under a temporary lease (or the one already in force).
 */
public final class Unpacker {
    private static final System.Logger LOG = System.getLogger(Unpacker.class.getName());

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
            List<Digest> chain = new ArrayList<>();
            for (Layer layer : layers) {
                if (applyLayer(layer, chain, sn)) {
                    // the diff ID has been verified by the apply
                    content.update(layer.blob().digest(), Map.of(ImageKeys.UNCOMPRESSED_LABEL, layer.diffId().toString()),
                            List.of("labels." + ImageKeys.UNCOMPRESSED_LABEL));
                }
                chain.add(layer.diffId());
            }
            ImageDescriptor config = Images.config(content, target, platform);
            String key = GcLabels.SNAPSHOT_REF + sn.name();
            String rootfs = ChainIds.chainId(chain).map(Digest::toString).orElse("");
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
            sn.stat(ChainIds.chainId(diffIds).map(Digest::toString).orElse(""));
            return true;
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** {@return whether the layer was applied now; false when its chain's snapshot was there already} */
    private boolean applyLayer(Layer layer, List<Digest> chain, SnapshotsClient sn) throws IOException {
        List<Digest> withLayer = new ArrayList<>(chain);
        withLayer.add(layer.diffId());
        String chainId = ChainIds.chainId(withLayer).orElseThrow().toString();
        try {
            sn.stat(chainId);
            return false;
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw wrap(e, "failed to stat snapshot " + chainId);
            }
        }
        try {
            extract(layer, ChainIds.chainId(chain).map(Digest::toString).orElse(""), chainId, sn);
            return true;
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.ALREADY_EXISTS) {
                return false; // committed meanwhile by someone else
            }
            throw e;
        }
    }

    /** Prepares an extraction snapshot on {@code parent}, applies the layer, commits it as {@code chainId}. */
    private void extract(Layer layer, String parent, String chainId, SnapshotsClient sn) {
        String key;
        List<Mount> mounts;
        while (true) {
            // upstream's unique part has the form of a generated lease ID
            key = "extract-" + LeaseIds.random() + " " + chainId;
            try {
                mounts = sn.prepare(key, parent, Map.of());
                break;
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                    throw wrap(e, "failed to prepare extraction snapshot \"" + key + "\"");
                }
            }
        }
        try {
            Descriptor applied;
            try {
                applied = client.diff().apply(layer.blob().toDescriptor(), mounts);
            } catch (ErrdefsException e) {
                throw wrap(e, "failed to extract layer " + layer.diffId());
            }
            if (!applied.digest().equals(layer.diffId())) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "wrong diff id calculated on extraction \"" + applied.digest() + "\"");
            }
            try {
                sn.commit(chainId, key, Map.of());
            } catch (ErrdefsException e) {
                throw wrap(e, "failed to commit snapshot " + key);
            }
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                LOG.log(System.Logger.Level.INFO, "apply failure, attempting cleanup", Map.of("error", e.getMessage(), "key", key));
            }
            try {
                sn.remove(key);
            } catch (ErrdefsException removal) {
                LOG.log(System.Logger.Level.WARNING, "extraction snapshot removal failed",
                        Map.of("error", removal.getMessage(), "key", key));
            }
            throw e;
        }
    }

    private static ErrdefsException wrap(ErrdefsException e, String context) {
        return new ErrdefsException(e.kind(), context + ": " + e.getMessage(), e);
    }
}
