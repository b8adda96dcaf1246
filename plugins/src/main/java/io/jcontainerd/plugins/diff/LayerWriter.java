package io.jcontainerd.plugins.diff;

import io.jcontainerd.sys.Errno;
import io.jcontainerd.sys.FileStat;
import io.jcontainerd.sys.FileType;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the difference between two directories as an OCI layer tar: containerd's
 * {@code archive.WriteDiff} with continuity's {@code fs.Changes} (the {@code walking} differ's
 * Diff). Both trees are walked in step; what only the lower has becomes a {@code .wh.} whiteout (a
 * deleted directory is one whiteout), what the upper adds or changes is written with its parent
 * directories, and files the upper links together stay hardlinks. Like upstream: metadata is taken
 * from the upper tree, mtimes are cut to seconds, only the {@code security.capability} xattr is
 * carried, sockets are left out, owners are numeric; whiteouts carry the epoch as their time
 * (containerd 2's choice, which keeps layers reproducible).
 */
public final class LayerWriter {
    private static final int COPY_BUFFER = 128 * 1024;
    private static final String CAPABILITY = "security.capability";

    private final Syscalls sys;

    public LayerWriter(Syscalls sys) {
        this.sys = sys;
    }

    /** Writes the layer that turns {@code lower} into {@code upper} to {@code out} (left open). */
    public void writeDiff(Path lower, Path upper, OutputStream out) throws IOException {
        new Run(RawPath.of(upper), new TarWriter(out)).write(RawPath.of(lower));
    }

    private enum Change { ADD, DELETE, MODIFY, UNMODIFIED }

    private final class Run {
        private final RawPath upperRoot;
        private final TarWriter tar;
        /** First name written for an inode the upper links to several names. */
        private final Map<Inode, byte[]> linkSources = new HashMap<>();
        /** Unchanged names of such an inode seen before its first changed name: written as links to it. */
        private final Map<Inode, List<byte[]>> pendingLinks = new HashMap<>();
        private final Set<String> writtenDirectories = new HashSet<>();
        private final byte[] buffer = new byte[COPY_BUFFER];

        Run(RawPath upperRoot, TarWriter tar) {
            this.upperRoot = upperRoot;
            this.tar = tar;
        }

        void write(RawPath lowerRoot) throws IOException {
            TreeWalk lowerWalk = new TreeWalk(sys, lowerRoot);
            TreeWalk upperWalk = new TreeWalk(sys, upperRoot);
            TreeWalk.Node lower = lowerWalk.next();
            TreeWalk.Node upper = upperWalk.next();
            byte[] removedDirectory = null; // children of a removed lower directory are implied
            while (lower != null || upper != null) {
                int order = lower == null ? 1 : upper == null ? -1 : TreeWalk.compare(lower.relative(), upper.relative());
                if (order < 0) {
                    if (removedDirectory == null || !isUnder(lower.relative(), removedDirectory)) {
                        removedDirectory = lower.stat().isDirectory() ? lower.relative() : null;
                        whiteout(lower.relative());
                    }
                    lower = lowerWalk.next();
                } else if (order > 0) {
                    removedDirectory = null;
                    change(Change.ADD, upper);
                    upper = upperWalk.next();
                } else {
                    removedDirectory = lower.stat().isDirectory() && !upper.stat().isDirectory() ? lower.relative() : null;
                    boolean same = sameFile(lower, upper);
                    if (!same) {
                        change(Change.MODIFY, upper);
                    } else if (isLinked(upper.stat())) {
                        change(Change.UNMODIFIED, upper);
                    }
                    lower = lowerWalk.next();
                    upper = upperWalk.next();
                }
            }
            tar.finish();
        }

        private void whiteout(byte[] relative) throws IOException {
            int slash = lastSlash(relative);
            byte[] name = concat(Arrays.copyOfRange(relative, 1, slash + 1), Whiteouts.PREFIX,
                    Arrays.copyOfRange(relative, slash + 1, relative.length));
            TarEntry entry = new TarEntry(name, new byte[0], EntryType.REGULAR, 0, 0, 0, 0, Instant.EPOCH, null,
                    0, 0, Map.of());
            includeParents(entry);
            tar.writeHeader(entry);
        }

        private void change(Change kind, TreeWalk.Node node) throws IOException {
            FileStat st = node.stat();
            if (st.type() == FileType.SOCKET) {
                return;
            }
            TarEntry entry = entryOf(node);
            List<byte[]> extraNames = List.of();
            if (isLinked(st)) {
                Inode inode = new Inode(st.dev(), st.ino());
                byte[] source = linkSources.get(inode);
                if (source != null) {
                    entry = asLink(entry, entry.name(), source);
                } else if (kind == Change.UNMODIFIED) {
                    pendingLinks.computeIfAbsent(inode, i -> new ArrayList<>()).add(entry.name());
                    return;
                } else {
                    linkSources.put(inode, entry.name());
                    extraNames = pendingLinks.getOrDefault(inode, List.of());
                    pendingLinks.remove(inode);
                }
            } else if (kind == Change.UNMODIFIED) {
                return;
            }
            includeParents(entry);
            tar.writeHeader(entry);
            if (entry.type() == EntryType.REGULAR && entry.size() > 0) {
                copyContent(node.path(), entry.size());
            }
            for (byte[] extra : extraNames) {
                TarEntry link = asLink(entry, extra, entry.name());
                includeParents(link);
                tar.writeHeader(link);
            }
        }

        /** Writes the upper's parent directories of an entry once, before it (upstream's includeParents). */
        private void includeParents(TarEntry entry) throws IOException {
            byte[] name = trimSlash(entry.name());
            int slash = lastSlash(name);
            if (slash > 0) {
                byte[] parent = Arrays.copyOf(name, slash);
                if (writtenDirectories.add(key(parent))) {
                    RawPath path = resolveUpper(parent);
                    change(Change.MODIFY, new TreeWalk.Node(concat(new byte[] {'/'}, parent), path, sys.lstat(path)));
                }
            }
            if (entry.type() == EntryType.DIRECTORY) {
                writtenDirectories.add(key(name));
            }
        }

        private TarEntry entryOf(TreeWalk.Node node) throws SyscallException {
            FileStat st = node.stat();
            byte[] name = Arrays.copyOfRange(node.relative(), 1, node.relative().length);
            EntryType type = switch (st.type()) {
                case REGULAR -> EntryType.REGULAR;
                case DIRECTORY -> EntryType.DIRECTORY;
                case SYMLINK -> EntryType.SYMLINK;
                case CHAR_DEVICE -> EntryType.CHAR_DEVICE;
                case BLOCK_DEVICE -> EntryType.BLOCK_DEVICE;
                case FIFO -> EntryType.FIFO;
                case SOCKET -> throw new IllegalStateException("sockets are skipped before");
            };
            if (type == EntryType.DIRECTORY) {
                name = concat(name, new byte[] {'/'});
            }
            byte[] linkName = type == EntryType.SYMLINK ? sys.readlink(node.path()) : new byte[0];
            boolean device = type == EntryType.CHAR_DEVICE || type == EntryType.BLOCK_DEVICE;
            Map<String, byte[]> xattrs = capability(node.path()).map(c -> Map.of(CAPABILITY, c)).orElse(Map.of());
            return new TarEntry(name, linkName, type, st.permissions(), st.uid(), st.gid(),
                    type == EntryType.REGULAR ? st.size() : 0, Instant.ofEpochSecond(st.mtime().getEpochSecond()),
                    null, device ? Linux.major(st.rdev()) : 0, device ? Linux.minor(st.rdev()) : 0, xattrs);
        }

        private TarEntry asLink(TarEntry entry, byte[] name, byte[] target) {
            return new TarEntry(name, target, EntryType.HARDLINK, entry.mode(), entry.uid(), entry.gid(), 0,
                    entry.mtime(), null, 0, 0, entry.xattrs());
        }

        private void copyContent(RawPath path, long size) throws IOException {
            int fd = sys.open(path, Linux.O_RDONLY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0);
            try {
                long left = size;
                while (left > 0) {
                    int n = sys.read(fd, buffer, 0, (int) Math.min(buffer.length, left));
                    if (n == 0) {
                        throw new IOException("short read copying " + path + ": it changed while the diff was written");
                    }
                    tar.write(buffer, 0, n);
                    left -= n;
                }
            } finally {
                sys.close(fd);
            }
        }

        private RawPath resolveUpper(byte[] relative) {
            RawPath path = upperRoot;
            int start = 0;
            for (int i = 0; i <= relative.length; i++) {
                if (i == relative.length || relative[i] == '/') {
                    if (i > start) {
                        path = path.resolve(Arrays.copyOfRange(relative, start, i));
                    }
                    start = i + 1;
                }
            }
            return path;
        }

        /** continuity's sameFile: same inode, or same stat, capability, size, mtime and (when in doubt) content. */
        private boolean sameFile(TreeWalk.Node lower, TreeWalk.Node upper) throws IOException {
            FileStat a = lower.stat();
            FileStat b = upper.stat();
            if (a.dev() == b.dev() && a.ino() == b.ino()) {
                return true;
            }
            if (a.mode() != b.mode() || a.uid() != b.uid() || a.gid() != b.gid() || a.rdev() != b.rdev()) {
                return false;
            }
            if (!Arrays.equals(capability(lower.path()).orElse(null), capability(upper.path()).orElse(null))) {
                return false;
            }
            if (a.isDirectory()) {
                return true;
            }
            if (a.size() != b.size() || a.mtime().getEpochSecond() != b.mtime().getEpochSecond()) {
                return false;
            }
            if (a.mtime().getNano() != 0 || b.mtime().getNano() != 0) {
                return a.mtime().getNano() == b.mtime().getNano();
            }
            // times possibly cut to seconds on both sides: look at what they hold
            if (a.isSymlink()) {
                return Arrays.equals(sys.readlink(lower.path()), sys.readlink(upper.path()));
            }
            return a.size() == 0 || sameContent(lower.path(), upper.path(), a.size());
        }

        private boolean sameContent(RawPath a, RawPath b, long size) throws IOException {
            int fa = sys.open(a, Linux.O_RDONLY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0);
            try {
                int fb = sys.open(b, Linux.O_RDONLY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0);
                try {
                    byte[] other = new byte[buffer.length];
                    for (long left = size; left > 0; ) {
                        int want = (int) Math.min(buffer.length, left);
                        if (!readFully(fa, buffer, want) || !readFully(fb, other, want)
                                || !Arrays.equals(buffer, 0, want, other, 0, want)) {
                            return false;
                        }
                        left -= want;
                    }
                    return true;
                } finally {
                    sys.close(fb);
                }
            } finally {
                sys.close(fa);
            }
        }

        private boolean readFully(int fd, byte[] buf, int want) throws SyscallException {
            for (int off = 0; off < want; ) {
                int n = sys.read(fd, buf, off, want - off);
                if (n == 0) {
                    return false;
                }
                off += n;
            }
            return true;
        }

        private Optional<byte[]> capability(RawPath path) throws SyscallException {
            try {
                return sys.lgetxattr(path, CAPABILITY).filter(v -> v.length > 0);
            } catch (SyscallException e) {
                if (e.is(Errno.EOPNOTSUPP)) {
                    return Optional.empty();
                }
                throw e;
            }
        }
    }

    private record Inode(long dev, long ino) {
    }

    private static boolean isLinked(FileStat st) {
        return !st.isDirectory() && st.nlink() > 1;
    }

    private static boolean isUnder(byte[] path, byte[] directory) {
        return path.length > directory.length && path[directory.length] == '/'
                && Arrays.equals(path, 0, directory.length, directory, 0, directory.length);
    }

    private static int lastSlash(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] trimSlash(byte[] name) {
        int end = name.length;
        while (end > 0 && name[end - 1] == '/') {
            end--;
        }
        return Arrays.copyOf(name, end);
    }

    private static String key(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
