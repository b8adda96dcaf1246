package io.jcontainerd.core.diff;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.mount.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A differ that applies a layer before the snapshot it goes on exists: onto the empty snapshot
 * without parent that it is given (as it would onto an overlay upper directory), later moved
 * into the upper directory of the snapshot prepared on the right parent. An archive import does
 * the layers whose blobs come before their parents' this way, while the archive still streams in.
 */
public interface StagedApplier {
    /** A layer applied ahead: its uncompressed descriptor (the digest is its diff ID) and where it is. */
    interface Staged {
        Descriptor applied();
    }

    /**
     * Applies the layer blob read from {@code blob} (which it closes) onto {@code staging}. The blob
     * may not be in the content store yet: its bytes are applied as they are, and the caller uses
     * the result only once the blob's digest is verified.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_IMPLEMENTED when the mounts are not
     *     one bind mount of a directory, or the media type is unknown; INVALID_ARGUMENT for a layer
     *     that tries to leave its root
     */
    Staged applyAhead(Descriptor layer, InputStream blob, List<Mount> staging) throws IOException;

    /**
     * Moves what {@code staged} applied into {@code target}, the mounts of a new snapshot on the
     * layer's parent (or of one without parent, for a layer without whiteouts), leaving the
     * staging snapshot empty.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_IMPLEMENTED when {@code target} is
     *     neither; then nothing was moved
     */
    void moveInto(Staged staged, List<Mount> target) throws IOException;
}
