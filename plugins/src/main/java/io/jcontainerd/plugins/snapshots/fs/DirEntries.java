package io.jcontainerd.plugins.snapshots.fs;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about directories that only raw directory entries tell. */
public final class DirEntries {
    private DirEntries() {
    }

    /**
     * {@return whether the filesystem of {@code dir} fills in {@code d_type}}, as containerd's
     * {@code fs.SupportsDType}: overlayfs needs it (xfs formatted without {@code ftype=1} lacks it).
     * A probe file is created in {@code dir} for the check and removed after.
     */
    public static boolean supportsDType(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "d_type-check", "");
        try (Libc.Scratch s = new Libc.Scratch()) {
            String shown = dir.toString();
            int fd = Libc.openDirectory(s, Libc.AT_FDCWD, Libc.nativePath(s, dir), shown);
            try {
                int[] seen = new int[2]; // entries, entries without a type
                read(s, fd, s.arena.allocate(4096, 8), shown, (name, type) -> {
                    seen[0]++;
                    seen[1] += type == Libc.DT_UNKNOWN ? 1 : 0;
                });
                if (seen[0] == 0) {
                    throw new IOException("did not hit any dirent during iteration " + dir);
                }
                return seen[1] == 0;
            } finally {
                Libc.close(fd);
            }
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Receives one raw directory entry: its NUL-terminated name (valid until the next read) and {@code d_type}. */
    @FunctionalInterface
    interface Visitor {
        void entry(MemorySegment name, int type) throws IOException;
    }

    /** Reads all entries of the open directory {@code fd} through {@code buf}, {@code .} and {@code ..} included. */
    static void read(Libc.Scratch s, int fd, MemorySegment buf, String shown, Visitor visitor) throws IOException {
        for (long n; (n = Libc.getdents(s, fd, buf, shown)) > 0; ) {
            for (long off = 0; off < n; off += Short.toUnsignedInt(buf.get(ValueLayout.JAVA_SHORT_UNALIGNED, off + Libc.D_RECLEN))) {
                visitor.entry(buf.asSlice(off + Libc.D_NAME), Byte.toUnsignedInt(buf.get(ValueLayout.JAVA_BYTE, off + Libc.D_TYPE)));
            }
        }
    }

    static boolean isDotOrDotDot(MemorySegment name) {
        byte b0 = name.get(ValueLayout.JAVA_BYTE, 0);
        byte b1 = name.get(ValueLayout.JAVA_BYTE, 1);
        return b0 == '.' && (b1 == 0 || (b1 == '.' && name.get(ValueLayout.JAVA_BYTE, 2) == 0));
    }
}
