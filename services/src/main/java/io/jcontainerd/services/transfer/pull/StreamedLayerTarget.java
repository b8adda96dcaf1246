package io.jcontainerd.services.transfer.pull;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.image.SnapshotChain;
import io.jcontainerd.services.diff.DiffService;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;

/**
 * A snapshot-chain target that applies one layer from the tar {@code tar} opens (decompressed
 * ahead, from the download in progress or from content) and lets the chain commit the snapshot
 * only once {@code verified} returned: the download has checked the blob's digest and committed
 * it. Everything else goes to {@code chain}.
 */
record StreamedLayerTarget(SnapshotChain.Target chain, DiffService diff, Tar tar, Verification verified)
        implements SnapshotChain.Target {
    /** Opens the layer's bytes when the chain applies it (not when its snapshot exists). */
    @FunctionalInterface
    interface Tar {
        InputStream open() throws IOException;
    }

    /** Waits for the blob's download; throws its failure (a digest mismatch among them). */
    @FunctionalInterface
    interface Verification {
        void await() throws IOException, InterruptedException;
    }

    @Override
    public void stat(String key) throws IOException {
        chain.stat(key);
    }

    @Override
    public List<Mount> prepare(String key, String parent) throws IOException {
        return chain.prepare(key, parent);
    }

    @Override
    public Descriptor apply(Descriptor layer, List<Mount> mounts) throws IOException {
        Descriptor applied = diff.apply(layer, mounts, tar.open());
        try {
            verified.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the download of " + layer.digest());
        }
        return applied;
    }

    @Override
    public void commit(String name, String key) throws IOException {
        chain.commit(name, key);
    }

    @Override
    public void remove(String key) throws IOException {
        chain.remove(key);
    }
}
