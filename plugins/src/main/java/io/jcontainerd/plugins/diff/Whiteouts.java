package io.jcontainerd.plugins.diff;

import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the OCI whiteout entries of a layer do to the target: {@code .wh.<name>} hides
 * {@code <name>} of the lower layers, {@code .wh..wh..opq} hides everything the lower layers have
 * in its directory. How depends on what the target is: a plain directory holding the merged tree
 * ({@link DeletingWhiteouts}) or an overlayfs upper directory ({@link OverlayWhiteouts}).
 */
sealed interface Whiteouts permits DeletingWhiteouts, OverlayWhiteouts {
    byte[] PREFIX = ".wh.".getBytes(StandardCharsets.US_ASCII);
    byte[] OPAQUE = ".wh..wh..opq".getBytes(StandardCharsets.US_ASCII);

    /**
     * Hides {@code target}: the name a {@code .wh.} entry stands for, in its (resolved, real)
     * directory. The target itself is never followed if it is a symlink.
     */
    void whiteout(RawPath target, TarEntry entry) throws SyscallException;

    /** Makes the (resolved, real) directory {@code dir} opaque. */
    void opaque(RawPath dir) throws SyscallException;

    /** {@return whether a base name is a whiteout entry (opaque marker included)} */
    static boolean isWhiteout(byte[] base) {
        return base.length >= PREFIX.length && Arrays.equals(base, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    static boolean isOpaque(byte[] base) {
        return Arrays.equals(base, OPAQUE);
    }

    /** {@return the name a {@code .wh.<name>} entry hides} */
    static byte[] hiddenName(byte[] base) {
        return Arrays.copyOfRange(base, PREFIX.length, base.length);
    }
}
