package io.jcontainerd.plugins.diff;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.sys.Errno;
import io.jcontainerd.sys.FileStat;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import io.jcontainerd.sys.TreeRemover;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies an uncompressed OCI layer tar onto a directory: containerd's {@code archive.Apply}, the
 * heart of the {@code walking} differ's Apply. See the package documentation for what a layer may
 * and may not do; in short, nothing it holds can create, change or follow anything outside the
 * root, and a layer that tries in a way no layer writer would is refused.
 *
 * <p>A failed apply leaves the root half-written: the caller (snapshotter) discards it.
 */
public final class LayerApplier {
    private static final System.Logger LOG = System.getLogger(LayerApplier.class.getName());
    private static final int COPY_BUFFER = 128 * 1024;
    private static final long MAX_ID = 0xfffffffeL;
    private static final long MAX_DEVICE_NUMBER = 0xffffffffL;
    /** Go's latest representable time ({@code time.Unix(0, 1<<63-1)}); later or earlier than 1970 becomes 1970. */
    private static final Instant MAX_TIME = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    private final Syscalls sys;

    public LayerApplier(Syscalls sys) {
        this.sys = sys;
    }

    /**
     * Applies the tar read from {@code tar} onto {@code root}, then reads the stream to its end.
     *
     * @return the sum of the entries' sizes, as upstream reports it
     * @throws ErrdefsException INVALID_ARGUMENT for a malformed or refused layer, naming the entry;
     *                          RESOURCE_EXHAUSTED past a limit or when the disk is full
     * @throws IOException      when reading the stream fails, or another syscall error
     */
    public long apply(Path root, InputStream tar, ApplyOptions options) throws IOException {
        RawPath rootPath = RawPath.of(root);
        if (!sys.lstat(rootPath).isDirectory()) {
            throw Errdefs.invalidArgument("apply root " + root + " is not a directory");
        }
        InputStream in = new BufferedInputStream(new CappedInputStream(tar, options.maxTarBytes()), COPY_BUFFER);
        return new Run(rootPath, new TarReader(in), options, null).applyAll();
    }

    /**
     * Applies a layer ahead of the layers under it: onto an empty directory that later becomes an
     * overlay upper directory ({@link #adopt}), exactly as {@link #apply} onto that upper
     * directory would, except that a directory the layer implies but does not list is made
     * root-owned 0755 and noted, to take its owner, mode and xattrs from the lowers once they exist.
     *
     * @param options for an overlay upper directory without lower directories
     */
    public StagedTree applyAhead(Path root, InputStream tar, ApplyOptions options) throws IOException {
        if (options.target() != ApplyOptions.Target.OVERLAY_UPPER || !options.lowerDirs().isEmpty()) {
            throw new IllegalArgumentException("applied ahead only as an overlay upper directory without lowers");
        }
        RawPath rootPath = RawPath.of(root);
        if (!sys.lstat(rootPath).isDirectory()) {
            throw Errdefs.invalidArgument("apply root " + root + " is not a directory");
        }
        InputStream in = new BufferedInputStream(new CappedInputStream(tar, options.maxTarBytes()), COPY_BUFFER);
        Map<RawPath, List<byte[]>> implied = new LinkedHashMap<>();
        Run run = new Run(rootPath, new TarReader(in), options, implied);
        run.applyAll();
        return new StagedTree(root, List.copyOf(implied.values()), run.hadWhiteouts);
    }

    /**
     * A layer applied ahead into {@code root}.
     *
     * @param implied   the directories it implied (components below the root), parents first
     * @param whiteouts whether it had whiteouts or opaque markers, which only an upper directory keeps
     */
    public record StagedTree(Path root, List<List<byte[]>> implied, boolean whiteouts) {
        public StagedTree {
            implied = List.copyOf(implied);
        }
    }

    /**
     * Makes a tree applied ahead the content of {@code upper}, an empty overlay upper directory
     * over {@code lowerDirs} (topmost first, on the same file system): the tree is renamed into
     * its place, keeping the upper directory's own owner and mode, and each directory the layer
     * implied gets what {@link #apply} would have given it. {@code staged.root()} is left empty.
     */
    public void adopt(StagedTree staged, Path upper, List<RawPath> lowerDirs) throws IOException {
        RawPath from = RawPath.of(staged.root());
        RawPath to = RawPath.of(upper);
        FileStat own = sys.lstat(to);
        sys.lchown(from, own.uid(), own.gid());
        sys.lchmod(from, own.permissions());
        // rename(2) replaces an empty directory; both are the snapshotter's, on its file system
        Files.move(staged.root(), upper, StandardCopyOption.ATOMIC_MOVE);
        sys.mkdir(from, 0755);
        sys.lchmod(from, own.permissions());
        for (List<byte[]> relative : staged.implied()) {
            Optional<FileStat> now = directoryNotFollowing(to, relative);
            if (now.isPresent()) {
                // made before its entries, whose creation changed its mtime since, as it would have
                copyFromFirstLower(resolve(to, relative), relative, lowerDirs, now.get().mtime());
            }
        }
    }

    /** {@return the directory {@code relative} names below {@code root}, when no component is anything else} */
    private Optional<FileStat> directoryNotFollowing(RawPath root, List<byte[]> relative) throws SyscallException {
        RawPath current = root;
        Optional<FileStat> st = Optional.empty();
        for (byte[] c : relative) {
            current = current.resolve(c);
            st = sys.lstatIfExists(current).filter(FileStat::isDirectory);
            if (st.isEmpty()) {
                return st;
            }
        }
        return st;
    }

    private static RawPath resolve(RawPath root, List<byte[]> relative) {
        RawPath current = root;
        for (byte[] c : relative) {
            current = current.resolve(c);
        }
        return current;
    }

    /**
     * Gives {@code path} the owner, mode, times and xattrs of {@code relative} in the first lower
     * directory that has it, if that is a directory (upstream's {@code WithParents}).
     *
     * @param mtime the modification time to keep instead of the lower's; null for the lower's
     */
    private void copyFromFirstLower(RawPath path, List<byte[]> relative, List<RawPath> lowerDirs, Instant mtime)
            throws SyscallException {
        for (RawPath lowerRoot : lowerDirs) {
            Optional<RawPath> lower = new RootResolver(sys, lowerRoot).lookup(relative);
            if (lower.isEmpty()) {
                continue;
            }
            FileStat st = sys.lstat(lower.get());
            if (st.isDirectory()) {
                copyDirectoryInfo(lower.get(), st, path, mtime == null ? st.mtime() : mtime);
            }
            return;
        }
    }

    private void copyDirectoryInfo(RawPath lower, FileStat st, RawPath path, Instant mtime) throws SyscallException {
        sys.lchown(path, st.uid(), st.gid());
        sys.lchmod(path, st.permissions());
        sys.lutimes(path, st.atime(), mtime);
        for (String name : sys.llistxattr(lower)) {
            if (name.startsWith("trusted.")) {
                continue;
            }
            Optional<byte[]> value = sys.lgetxattr(lower, name);
            if (value.isEmpty()) {
                continue;
            }
            try {
                sys.lsetxattr(path, name, value.get(), Linux.XATTR_CREATE);
            } catch (SyscallException e) {
                if (!e.is(Errno.EOPNOTSUPP) && !e.is(Errno.EEXIST)) {
                    throw e;
                }
            }
        }
    }

    /** The state of one apply. */
    private final class Run {
        private final TarReader reader;
        private final ApplyOptions options;
        private final RootResolver resolver;
        private final TreeRemover remover;
        private final Whiteouts whiteouts;
        /** Paths this layer created, for opaque markers that come after their siblings (directory target only). */
        private final Set<RawPath> unpacked = new HashSet<>();
        private final List<DirectoryTimes> directoryTimes = new ArrayList<>();
        private final byte[] buffer = new byte[COPY_BUFFER];

        /** Whether the layer had a whiteout or opaque marker. */
        private boolean hadWhiteouts;
        /** Directories made for entries that do not list them, when applying ahead; else null. */
        private final Map<RawPath, List<byte[]>> implied;

        Run(RawPath root, TarReader reader, ApplyOptions options, Map<RawPath, List<byte[]>> implied) {
            this.reader = reader;
            this.options = options;
            this.implied = implied;
            this.resolver = new RootResolver(sys, root);
            this.remover = new TreeRemover(sys);
            this.whiteouts = switch (options.target()) {
                case DIRECTORY -> new DeletingWhiteouts(remover, unpacked::contains);
                case OVERLAY_UPPER -> new OverlayWhiteouts(sys, remover, options.sameOwner());
            };
        }

        long applyAll() throws IOException {
            long size = 0;
            long entries = 0;
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ErrdefsException(ErrorKind.CANCELED, "apply layer: context canceled");
                }
                if (++entries > options.maxEntries()) {
                    throw new ErrdefsException(ErrorKind.RESOURCE_EXHAUSTED, "layer has more than "
                            + options.maxEntries() + " entries: resource exhausted");
                }
                size += entry.size();
                try {
                    applyEntry(entry);
                } catch (SyscallException e) {
                    throw entryError(entry, e);
                } catch (ErrdefsException e) {
                    throw new ErrdefsException(e.kind(), describe(entry) + ": " + e.getMessage(), e);
                }
            }
            for (DirectoryTimes d : directoryTimes) {
                restoreTimes(d);
            }
            reader.drain();
            return size;
        }

        private void applyEntry(TarEntry entry) throws IOException {
            LayerPath name = LayerPath.clean(entry.name(), "name");
            if (name.isRoot()) {
                return; // as upstream: the root's own entry ("./") is not applied
            }
            if (options.skipDevices()
                    && (entry.type() == EntryType.CHAR_DEVICE || entry.type() == EntryType.BLOCK_DEVICE)) {
                LOG.log(System.Logger.Level.WARNING, "file " + name + " ignored: cannot create devices here");
                return;
            }
            checkIds(entry);
            RawPath dir = resolver.resolveCreating(name.parent(), this::makeParent);
            byte[] base = name.base();
            if (Whiteouts.isWhiteout(base)) {
                applyWhiteout(entry, dir, base);
                return;
            }
            RawPath path = dir.resolve(base);
            createReplacing(entry, path);
            setMetadata(entry, path);
            if (entry.type() == EntryType.DIRECTORY) {
                directoryTimes.add(new DirectoryTimes(name, entry.atime(), entry.mtime()));
                if (implied != null) {
                    implied.remove(path); // listed after all: its metadata is the layer's
                }
            }
            if (options.target() == ApplyOptions.Target.DIRECTORY) {
                unpacked.add(path);
            }
        }

        private void applyWhiteout(TarEntry entry, RawPath dir, byte[] base) throws SyscallException {
            hadWhiteouts = true;
            resolver.forget();
            if (Whiteouts.isOpaque(base)) {
                whiteouts.opaque(dir);
                return;
            }
            byte[] hidden = Whiteouts.hiddenName(base);
            if (!RawPath.isComponent(hidden)) {
                throw Errdefs.invalidArgument("invalid whiteout name " + Errdefs.quote(LayerPath.display(base)));
            }
            whiteouts.whiteout(dir.resolve(hidden), entry);
        }

        /**
         * Creates the entry's node; what is already there is removed first, unless both are
         * directories, which merge (only the metadata is applied). Creating first and looking only
         * on EEXIST saves a syscall per entry: nodes are always created exclusively.
         */
        private void createReplacing(TarEntry entry, RawPath path) throws IOException {
            try {
                create(entry, path);
            } catch (SyscallException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e;
                }
                if (entry.type() == EntryType.DIRECTORY && sys.lstat(path).isDirectory()) {
                    return;
                }
                resolver.forget();
                remover.removeAll(path);
                create(entry, path);
            }
        }

        private void create(TarEntry entry, RawPath path) throws IOException {
            switch (entry.type()) {
                case DIRECTORY -> sys.mkdir(path, 0700); // the final mode after chown, below
                case REGULAR -> writeFile(path);
                case SYMLINK -> {
                    if (entry.linkName().length == 0) {
                        throw Errdefs.invalidArgument("symlink with an empty target");
                    }
                    sys.symlink(entry.linkName(), path);
                }
                case HARDLINK -> sys.link(hardlinkTarget(entry), path);
                case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> makeNode(entry, path);
            }
        }

        /** Writes the entry's data into a new file; O_EXCL|O_NOFOLLOW: never through an existing name. */
        private void writeFile(RawPath path) throws IOException {
            int fd = sys.open(path, Linux.O_WRONLY | Linux.O_CREAT | Linux.O_EXCL | Linux.O_NOFOLLOW
                    | Linux.O_CLOEXEC, 0600);
            try {
                for (int n = reader.read(buffer, 0, buffer.length); n > 0; n = reader.read(buffer, 0, buffer.length)) {
                    for (int off = 0; off < n; ) {
                        off += sys.write(fd, buffer, off, n - off);
                    }
                }
            } finally {
                sys.close(fd);
            }
        }

        /**
         * The existing file a hardlink names, resolved inside the root; the last component is not
         * followed, so a link to a symlink is a second name of the symlink (upstream's rule).
         */
        private RawPath hardlinkTarget(TarEntry entry) throws SyscallException {
            LayerPath target = LayerPath.clean(entry.linkName(), "hardlink target");
            String shown = Errdefs.quote(LayerPath.display(entry.linkName()));
            if (target.isRoot()) {
                throw Errdefs.invalidArgument("hardlink to the root");
            }
            Optional<RawPath> path = existingPath(target);
            Optional<FileStat> st = path.isPresent() ? sys.lstatIfExists(path.get()) : Optional.empty();
            if (st.isEmpty()) {
                throw Errdefs.invalidArgument("hardlink target " + shown + " not found in the layer or below it");
            }
            if (st.get().isDirectory()) {
                throw Errdefs.invalidArgument("hardlink target " + shown + " is a directory");
            }
            return path.get();
        }

        private void makeNode(TarEntry entry, RawPath path) throws SyscallException {
            if (entry.devMajor() < 0 || entry.devMajor() > MAX_DEVICE_NUMBER
                    || entry.devMinor() < 0 || entry.devMinor() > MAX_DEVICE_NUMBER) {
                throw Errdefs.invalidArgument("device number " + entry.devMajor() + ":" + entry.devMinor()
                        + " out of range");
            }
            int type = switch (entry.type()) {
                case CHAR_DEVICE -> Linux.S_IFCHR;
                case BLOCK_DEVICE -> Linux.S_IFBLK;
                default -> Linux.S_IFIFO;
            };
            sys.mknod(path, type | (int) (entry.mode() & 07777), Linux.makedev(entry.devMajor(), entry.devMinor()));
        }

        /** Owner, xattrs, mode (after the owner: chown clears setuid), times; never through a symlink. */
        private void setMetadata(TarEntry entry, RawPath path) throws SyscallException {
            if (options.sameOwner()) {
                sys.lchown(path, entry.uid(), entry.gid());
            }
            for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
                setXattr(path, xattr.getKey(), xattr.getValue());
            }
            boolean symlink = entry.type() == EntryType.SYMLINK
                    || entry.type() == EntryType.HARDLINK && sys.lstat(path).isSymlink();
            if (!symlink) {
                sys.lchmod(path, (int) (entry.mode() & 07777));
            }
            sys.lutimes(path, bound(latest(entry.atime(), entry.mtime())), bound(entry.mtime()));
        }

        /** As upstream: {@code trusted.*} is refused, and what the file system cannot hold is skipped. */
        private void setXattr(RawPath path, String name, byte[] value) throws SyscallException {
            if (name.startsWith("trusted.")) {
                LOG.log(System.Logger.Level.WARNING, "ignored xattr " + name + " in archive on " + path
                        + ": admin attributes from archive not supported");
                return;
            }
            try {
                sys.lsetxattr(path, name, value, 0);
            } catch (SyscallException e) {
                boolean userOnSpecialFile = e.is(Errno.EPERM) && name.startsWith("user.")
                        && !sys.lstat(path).isRegular() && !sys.lstat(path).isDirectory();
                if (!userOnSpecialFile && !e.is(Errno.EOPNOTSUPP)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "ignored xattr " + name + " in archive: " + e.getMessage());
            }
        }

        /**
         * Makes a directory the layer implies but does not list: root-owned 0755, or as it is in the
         * first lower directory that has it (overlay upper directories).
         */
        private void makeParent(RawPath path, List<byte[]> relative) throws SyscallException {
            sys.mkdir(path, 0755);
            sys.lchmod(path, 0755);
            if (implied != null) {
                implied.put(path, relative);
                return;
            }
            copyFromFirstLower(path, relative, options.lowerDirs(), null);
        }

        /** Directory times go last: creating entries inside a directory changes its mtime. */
        private void restoreTimes(DirectoryTimes d) throws SyscallException {
            Optional<RawPath> path = existingPath(d.name());
            if (path.isPresent() && sys.lstatIfExists(path.get()).map(FileStat::isDirectory).orElse(false)) {
                sys.lutimes(path.get(), bound(latest(d.atime(), d.mtime())), bound(d.mtime()));
            }
        }

        /** The host path of a name whose parent exists as a directory (the name itself not followed). */
        private Optional<RawPath> existingPath(LayerPath name) throws SyscallException {
            Optional<RawPath> dir = resolver.lookup(name.parent());
            if (dir.isEmpty() || !sys.lstat(dir.get()).isDirectory()) {
                return Optional.empty();
            }
            return Optional.of(dir.get().resolve(name.base()));
        }

        private static void checkIds(TarEntry entry) {
            if (entry.uid() < 0 || entry.uid() > MAX_ID || entry.gid() < 0 || entry.gid() > MAX_ID) {
                throw Errdefs.invalidArgument("uid/gid " + entry.uid() + ":" + entry.gid()
                        + " out of range [0, " + MAX_ID + "]");
            }
        }
    }

    private record DirectoryTimes(LayerPath name, Instant atime, Instant mtime) {
    }

    private static Instant latest(Instant atime, Instant mtime) {
        return atime == null || atime.isBefore(mtime) ? mtime : atime;
    }

    private static Instant bound(Instant t) {
        return t.isBefore(Instant.EPOCH) || t.isAfter(MAX_TIME) ? Instant.EPOCH : t;
    }

    private static String describe(TarEntry entry) {
        return "apply layer entry " + Errdefs.quote(LayerPath.display(entry.name()));
    }

    /** Disk full is RESOURCE_EXHAUSTED; other syscall failures on an entry mean the layer asks for the impossible. */
    private static ErrdefsException entryError(TarEntry entry, SyscallException e) {
        ErrorKind kind = e.is(Errno.ENOSPC) || e.is(Errno.EDQUOT) ? ErrorKind.RESOURCE_EXHAUSTED
                : e.is(Errno.EIO) || e.is(Errno.EROFS) ? ErrorKind.UNKNOWN : ErrorKind.INVALID_ARGUMENT;
        return new ErrdefsException(kind, describe(entry) + ": " + e.getMessage(), e);
    }
}
