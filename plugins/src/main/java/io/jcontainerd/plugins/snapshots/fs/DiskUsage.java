package io.jcontainerd.plugins.snapshots.fs;

import io.jcontainerd.core.snapshots.Usage;
import io.jcontainerd.sys.FileStat;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The disk use of a tree as containerd's {@code fs.DiskUsage} counts it: every inode under the
 * root, the root included, once however many hard links it has, and its allocated blocks × 512
 * (so sparse files count what they hold, and a small file a whole block). Symlinks are not followed.
 * It walks by path, as upstream's {@code filepath.Walk} does: a path longer than the kernel takes
 * ({@code PATH_MAX}) fails with ENAMETOOLONG.
 */
public final class DiskUsage {
    private final Syscalls sys;

    private record Inode(long dev, long ino) {
    }

    public DiskUsage(Syscalls sys) {
        this.sys = sys;
    }

    /** {@return the usage of the tree at {@code root}} */
    public Usage of(Path root) throws IOException {
        Set<Inode> seen = new HashSet<>();
        long size = 0;
        Deque<RawPath> pending = new ArrayDeque<>();
        pending.push(RawPath.of(root));
        while (!pending.isEmpty()) {
            RawPath path = pending.pop();
            FileStat st = sys.lstat(path);
            if (seen.add(new Inode(st.dev(), st.ino()))) {
                size += st.blocks() * 512;
            }
            if (st.isDirectory()) {
                for (byte[] name : sys.readdir(path)) {
                    pending.push(path.resolve(name));
                }
            }
        }
        return new Usage(seen.size(), size);
    }
}
