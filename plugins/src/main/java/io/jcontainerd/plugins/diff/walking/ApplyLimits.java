package io.jcontainerd.plugins.diff.walking;

/**
 * Bounds on what one layer may unpack, so a decompression bomb fails with RESOURCE_EXHAUSTED
 * instead of filling the disk: the tar may be {@code ratio} times its compressed blob, but never
 * held below {@code floorBytes}; at most {@code maxEntries} entries. Upstream has no such bounds.
 */
public record ApplyLimits(long floorBytes, long ratio, long maxEntries) {
    /** 1 GiB, 1024 times the blob (gzip's best on zeros is about 1000:1), ten million entries. */
    public static final ApplyLimits DEFAULT = new ApplyLimits(1L << 30, 1024, 10_000_000);

    /** {@return the most tar bytes a blob of {@code blobSize} bytes may unpack to} */
    long maxTarBytes(long blobSize) {
        long scaled = blobSize > Long.MAX_VALUE / ratio ? Long.MAX_VALUE : blobSize * ratio;
        return Math.max(floorBytes, scaled);
    }
}
