package io.jcontainerd.image;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.leases.LeaseIds;
import io.jcontainerd.core.mount.Mount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The snapshots an image unpacks into, as containerd's unpack builds them: the snapshot after
 * layer n is named by the chain ID of layers 0..n; a missing one is made by preparing
 * {@code extract-<unique> <chain ID>} on the previous chain's snapshot, applying the layer and
 * committing it under the chain ID. A chain that exists is reused. Shared by the client-side
 * unpack (through the Snapshots and Diff APIs) and the daemon's pull (through its services).
 */
public final class SnapshotChain {
    /** The content label of a layer blob naming its diff ID, set once an unpack has verified it. */
    public static final String UNCOMPRESSED_LABEL = "containerd.io/uncompressed";

    private static final System.Logger LOG = System.getLogger(SnapshotChain.class.getName());

    /** Where a chain is built: one snapshotter and a differ, in one namespace. */
    public interface Target {
        /** @throws ErrdefsException NOT_FOUND when there is no snapshot {@code key} */
        void stat(String key) throws IOException;

        List<Mount> prepare(String key, String parent) throws IOException;

        /** {@return the applied layer's uncompressed descriptor (its digest is the diff ID)} */
        Descriptor apply(Descriptor layer, List<Mount> mounts) throws IOException;

        void commit(String name, String key) throws IOException;

        void remove(String key) throws IOException;
    }

    private SnapshotChain() {
    }

    /** {@return the snapshot name for {@code diffIds}: their chain ID, "" for none} */
    public static String name(List<Digest> diffIds) {
        return ChainIds.chainId(diffIds).map(Digest::toString).orElse("");
    }

    /**
     * Makes sure the snapshot of {@code below} plus {@code layer} exists.
     *
     * @param below the diff IDs of the layers under {@code layer}, whose snapshot exists
     * @return whether the layer was applied now; false when its snapshot was there already (or was
     *     committed meanwhile by someone else)
     */
    public static boolean extend(Target target, List<Digest> below, Layer layer) throws IOException {
        return extend(target, below, layer, mounts -> target.apply(layer.blob().toDescriptor(), mounts));
    }

    /** How a layer gets onto the mounts of its new snapshot. */
    public interface LayerApply {
        /** {@return the applied layer's uncompressed descriptor (its digest is the diff ID)} */
        Descriptor apply(List<Mount> mounts) throws IOException;
    }

    /** As {@link #extend(Target, List, Layer)}, putting the layer onto the new snapshot with {@code how}. */
    public static boolean extend(Target target, List<Digest> below, Layer layer, LayerApply how) throws IOException {
        List<Digest> withLayer = new ArrayList<>(below);
        withLayer.add(layer.diffId());
        String chainId = name(withLayer);
        if (exists(target, chainId)) {
            return false;
        }
        try {
            extract(target, layer, name(below), chainId, how);
            return true;
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.ALREADY_EXISTS) {
                return false;
            }
            throw e;
        }
    }

    /** {@return whether snapshot {@code name} exists} */
    public static boolean exists(Target target, String name) throws IOException {
        try {
            target.stat(name);
            return true;
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw wrap(e, "failed to stat snapshot " + name);
            }
            return false;
        }
    }

    private static void extract(Target target, Layer layer, String parent, String chainId, LayerApply how)
            throws IOException {
        String key;
        List<Mount> mounts;
        while (true) {
            // upstream's unique part has the form of a generated lease ID
            key = "extract-" + LeaseIds.random() + " " + chainId;
            try {
                mounts = target.prepare(key, parent);
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
                applied = how.apply(mounts);
            } catch (ErrdefsException e) {
                throw wrap(e, "failed to extract layer " + layer.diffId());
            }
            if (!applied.digest().equals(layer.diffId())) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "wrong diff id calculated on extraction \"" + applied.digest() + "\"");
            }
            try {
                target.commit(chainId, key);
            } catch (ErrdefsException e) {
                throw wrap(e, "failed to commit snapshot " + key);
            }
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof ErrdefsException ee && ee.kind() == ErrorKind.ALREADY_EXISTS)) {
                LOG.log(System.Logger.Level.INFO, "apply failure, attempting cleanup", Map.of("error", String.valueOf(e.getMessage()), "key", key));
            }
            try {
                target.remove(key);
            } catch (ErrdefsException | IOException removal) {
                LOG.log(System.Logger.Level.WARNING, "extraction snapshot removal failed",
                        Map.of("error", String.valueOf(removal.getMessage()), "key", key));
            }
            throw e;
        }
    }

    private static ErrdefsException wrap(ErrdefsException e, String context) {
        return new ErrdefsException(e.kind(), context + ": " + e.getMessage(), e);
    }
}
