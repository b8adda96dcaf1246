package io.jcontainerd.plugins.snapshots.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** What java.nio cannot do to a filesystem node: create device nodes and fifos, and stamp times without opening the node. */
public final class Nodes {
    private Nodes() {
    }

    /**
     * Creates the node {@code path} like {@code mknod(2)}.
     *
     * @param mode type and permission bits as {@code st_mode} holds them ({@code S_IFCHR | 0666})
     * @param rdev the device number as {@code st_rdev} holds it; 0 for a fifo
     */
    public static void mknod(Path path, int mode, long rdev) throws IOException {
        try (Libc.Scratch s = new Libc.Scratch()) {
            Libc.mknod(s, path, mode, rdev);
        }
    }

    /**
     * Sets the access and modification times of {@code path} itself (a symlink's own, not its
     * target's). The JDK opens the file to do this, which blocks on a fifo.
     */
    public static void setTimes(Path path, Instant atime, Instant mtime) throws IOException {
        try (Libc.Scratch s = new Libc.Scratch()) {
            Libc.setTimes(s, path, atime, mtime);
        }
    }
}
