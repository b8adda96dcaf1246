package io.jcontainerd.image;

import io.jcontainerd.core.content.Digest;
import java.util.Objects;

/**
 * One layer of an image as unpack applies it: the blob from the manifest (maybe compressed) and the
 * digest its uncompressed tar must have, from the config's {@code rootfs.diff_ids}.
 */
public record Layer(ImageDescriptor blob, Digest diffId) {
    public Layer {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(diffId, "diffId");
    }
}
