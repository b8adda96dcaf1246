package io.jcontainerd.core.snapshots;

/**
 * Disk resources a snapshot uses itself, without its parents, as containerd's {@code snapshots.Usage}.
 *
 * @param inodes distinct inodes (hard links count once)
 * @param size   bytes allocated on disk: blocks × 512, not file lengths
 */
public record Usage(long inodes, long size) {
    public static final Usage ZERO = new Usage(0, 0);

    /** {@return the sum, an upper bound when inodes are shared, as upstream's {@code Usage.Add}} */
    public Usage plus(Usage other) {
        return new Usage(inodes + other.inodes, size + other.size);
    }
}
