package io.jcontainerd.plugins.snapshots.fs;

import io.jcontainerd.core.snapshots.Usage;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The disk use of a tree as containerd's {@code fs.DiskUsage} counts it: every inode under the
 * root, the root included, once however many hard links it has, and its allocated blocks × 512
 * (so sparse files count what they hold, and a small file a whole block). Symlinks are not followed.
 */
public final class DiskUsage {
    private static final int BUFFER = 32 * 1024;

    private final Libc.Scratch scratch;
    private final Set<Inode> seen = new HashSet<>();
    /** getdents buffers by depth, kept for the walk so a deep tree allocates one per level. */
    private final List<MemorySegment> buffers = new ArrayList<>();
    private long size;

    private record Inode(long dev, long ino) {
    }

    private DiskUsage(Libc.Scratch scratch) {
        this.scratch = scratch;
    }

    /** {@return the usage of the tree at {@code root}} */
    public static Usage of(Path root) throws IOException {
        try (Libc.Scratch scratch = new Libc.Scratch()) {
            DiskUsage du = new DiskUsage(scratch);
            String shown = root.toString();
            MemorySegment name = Libc.nativePath(scratch, root);
            if (du.count(Libc.AT_FDCWD, name, shown)) {
                du.walk(Libc.openDirectory(scratch, Libc.AT_FDCWD, name, shown), shown, 0);
            }
            return new Usage(du.seen.size(), du.size);
        }
    }

    /** Counts the entry {@code name} in {@code dirfd}; {@return whether it is a directory} */
    private boolean count(int dirfd, MemorySegment name, String shown) throws IOException {
        Libc.lstat(scratch, dirfd, name, shown);
        MemorySegment st = scratch.statx;
        long dev = ((long) st.get(ValueLayout.JAVA_INT, Libc.STX_DEV_MAJOR) << 32)
                | Integer.toUnsignedLong(st.get(ValueLayout.JAVA_INT, Libc.STX_DEV_MINOR));
        if (seen.add(new Inode(dev, st.get(ValueLayout.JAVA_LONG, Libc.STX_INO)))) {
            size += st.get(ValueLayout.JAVA_LONG, Libc.STX_BLOCKS) * 512;
        }
        return (st.get(ValueLayout.JAVA_SHORT, Libc.STX_MODE) & Libc.S_IFMT) == Libc.S_IFDIR;
    }

    /** Counts everything below the open directory {@code fd}, then closes it. */
    private void walk(int fd, String shown, int depth) throws IOException {
        try {
            if (buffers.size() == depth) {
                buffers.add(scratch.arena.allocate(BUFFER, 8));
            }
            DirEntries.read(scratch, fd, buffers.get(depth), shown, (name, type) -> {
                if (DirEntries.isDotOrDotDot(name)) {
                    return;
                }
                String child = shown + "/" + name.getString(0, StandardCharsets.UTF_8);
                if (count(fd, name, child)) {
                    walk(Libc.openDirectory(scratch, fd, name, child), child, depth + 1);
                }
            });
        } finally {
            Libc.close(fd);
        }
    }
}
