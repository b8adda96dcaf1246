package io.jcontainerd.plugins.snapshots.fs;

import io.jcontainerd.sys.DirEntry;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about directories that only raw directory entries tell. */
public final class DirEntries {
    private DirEntries() {
    }

    /**
     * {@return whether the filesystem of {@code dir} fills in {@code d_type}}, as containerd's
     * {@code fs.SupportsDType}: overlayfs needs it (xfs formatted without {@code ftype=1} lacks it).
     * A probe file is created in {@code dir} for the check and removed after.
     */
    public static boolean supportsDType(Syscalls sys, Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "d_type-check", "");
        try {
            List<DirEntry> entries = sys.readdirEntries(RawPath.of(dir));
            if (entries.isEmpty()) {
                throw new IOException("did not hit any dirent during iteration " + dir);
            }
            return entries.stream().allMatch(e -> e.type().isPresent());
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
