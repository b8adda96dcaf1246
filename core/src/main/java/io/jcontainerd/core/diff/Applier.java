package io.jcontainerd.core.diff;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.mount.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Applies a layer blob from a namespace's content onto the filesystem that mounts describe. */
public interface Applier {
    /**
     * {@return the descriptor of the uncompressed layer applied: its digest is the layer's diff ID}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_IMPLEMENTED for a media type this
     *     differ cannot read, INVALID_ARGUMENT for a layer that tries to leave its root
     */
    Descriptor apply(String namespace, Descriptor layer, List<Mount> mounts) throws IOException;

    /**
     * As {@link #apply(String, Descriptor, List)}, reading the blob's bytes from {@code blob} instead
     * of content: a pull applies a layer while it downloads. The caller verifies the blob's digest
     * and commits nothing it applied before that; {@code blob} is closed when this returns.
     */
    Descriptor apply(Descriptor layer, List<Mount> mounts, InputStream blob) throws IOException;
}
