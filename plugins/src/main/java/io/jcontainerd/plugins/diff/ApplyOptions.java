package io.jcontainerd.plugins.diff;

import io.jcontainerd.sys.RawPath;
import java.util.List;

/**
 * How {@link LayerApplier} applies a layer.
 *
 * @param target       what the root directory is, which decides how whiteouts are written
 * @param lowerDirs    for an overlay upper directory, the lower directories (topmost first): a
 *                     directory the layer implies but does not list is created with the owner,
 *                     mode, times and xattrs it has in the first lower that has it (upstream's
 *                     {@code WithParents}); otherwise it is root-owned 0755
 * @param sameOwner    whether to give files the layer's owners (false when not privileged to)
 * @param skipDevices  whether to skip block and character devices (a user namespace cannot make them)
 * @param maxTarBytes  the most tar bytes (uncompressed) to read: bounds decompression bombs
 * @param maxEntries   the most entries to apply
 */
public record ApplyOptions(Target target, List<RawPath> lowerDirs, boolean sameOwner, boolean skipDevices,
                           long maxTarBytes, long maxEntries) {

    public enum Target {
        /** A directory holding the whole tree: whiteouts delete. */
        DIRECTORY,
        /** An overlayfs upper directory: whiteouts become 0/0 character devices and opaque xattrs. */
        OVERLAY_UPPER
    }

    public ApplyOptions {
        lowerDirs = List.copyOf(lowerDirs);
        if (maxTarBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** {@return options for a directory holding the whole tree, without limits} */
    public static ApplyOptions directory() {
        return new ApplyOptions(Target.DIRECTORY, List.of(), true, false, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** {@return options for an overlayfs upper directory over {@code lowerDirs} (topmost first)} */
    public static ApplyOptions overlayUpper(List<RawPath> lowerDirs) {
        return new ApplyOptions(Target.OVERLAY_UPPER, lowerDirs, true, false, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    public ApplyOptions withLimits(long maxTarBytes, long maxEntries) {
        return new ApplyOptions(target, lowerDirs, sameOwner, skipDevices, maxTarBytes, maxEntries);
    }

    public ApplyOptions withSameOwner(boolean sameOwner) {
        return new ApplyOptions(target, lowerDirs, sameOwner, skipDevices, maxTarBytes, maxEntries);
    }

    public ApplyOptions withSkipDevices(boolean skipDevices) {
        return new ApplyOptions(target, lowerDirs, sameOwner, skipDevices, maxTarBytes, maxEntries);
    }
}
