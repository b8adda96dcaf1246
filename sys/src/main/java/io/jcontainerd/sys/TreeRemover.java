package io.jcontainerd.sys;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Removes files and directory trees as Go's {@code os.RemoveAll} does: a symbolic link is removed,
 * never followed, and a path that does not exist is fine. The snapshotters, the differ (whiteouts)
 * and the task bundles all remove trees this way.
 *
 * <p>The cheapest calls first, because task create and delete run this every time, mostly before
 * the JIT has compiled it (NIO's tree walk took 3-5 ms there): a path is unlinked first and only
 * listed when that says EISDIR; below it, the type each directory entry states ({@code d_type})
 * says what to unlink and what to descend into, so no entry costs an {@code lstat}. Where the file
 * system leaves the type out, an entry is unlinked first as well.
 *
 * <p>Below the path it is given, it walks by descriptor ({@code openat}, {@code unlinkat}) with an
 * explicit stack, one open descriptor per level: a tree thousands of directories deep (a hostile
 * layer, or a container's {@code mkdir a; cd a} loop) neither overflows the stack nor fails on
 * paths longer than {@code PATH_MAX}, and a directory swapped for a symlink midway is never
 * followed ({@code O_NOFOLLOW}). The first failure stops the removal.
 */
public final class TreeRemover {
    private static final int OPEN_DIRECTORY = Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC;

    private final Syscalls sys;

    public TreeRemover(Syscalls sys) {
        this.sys = sys;
    }

    /** Removes {@code path} and everything below it; nothing happens when it does not exist. */
    public void removeAll(RawPath path) throws SyscallException {
        remove(path, Optional.empty());
    }

    /**
     * Removes everything below {@code dir} except the paths {@code keep} accepts; below a kept
     * directory it goes on removing what is not kept (an opaque directory hides all lower content,
     * at any depth).
     */
    public void removeChildren(RawPath dir, Predicate<RawPath> keep) throws SyscallException {
        Deque<RawPath> keptDirs = new ArrayDeque<>();
        keptDirs.push(dir);
        while (!keptDirs.isEmpty()) {
            RawPath current = keptDirs.pop();
            for (DirEntry entry : sys.readdirEntries(current)) {
                RawPath child = current.resolve(entry.name());
                if (!keep.test(child)) {
                    remove(child, entry.type());
                } else if (isDirectory(child, entry.type())) {
                    keptDirs.push(child);
                }
            }
        }
    }

    /** {@return whether {@code path} is a directory}: its type as its directory entry states it, else as lstat says */
    private boolean isDirectory(RawPath path, Optional<FileType> stated) throws SyscallException {
        return stated.isPresent() ? stated.get() == FileType.DIRECTORY : sys.lstat(path).isDirectory();
    }

    /** Removes {@code path}, whose type is known when a directory listing stated it. */
    private void remove(RawPath path, Optional<FileType> type) throws SyscallException {
        if (type.orElse(null) != FileType.DIRECTORY) {
            try {
                sys.unlink(path); // a file, FIFO, socket, device or symlink: done
                return;
            } catch (SyscallException e) {
                if (e.is(Errno.ENOENT)) {
                    return;
                }
                if (!e.is(Errno.EISDIR)) {
                    throw e;
                }
            }
        }
        int fd;
        try {
            fd = sys.open(path, OPEN_DIRECTORY, 0);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return;
            }
            throw e;
        }
        empty(Level.top(fd, path));
        try {
            sys.rmdir(path);
        } catch (SyscallException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e;
            }
        }
    }

    /** Empties the directory of {@code top} depth first, closing every descriptor it opens, and {@code top}'s. */
    private void empty(Level top) throws SyscallException {
        Deque<Level> levels = new ArrayDeque<>();
        levels.push(top);
        try {
            unlinkNonDirectories(top);
            while (!levels.isEmpty()) {
                Level level = levels.peek();
                byte[] subdirectory = level.subdirectories.peek();
                if (subdirectory != null) {
                    int fd = openSubdirectory(level, subdirectory);
                    if (fd < 0) {
                        level.subdirectories.poll(); // gone meanwhile
                    } else {
                        Level below = level.below(fd, subdirectory);
                        levels.push(below);
                        unlinkNonDirectories(below);
                    }
                } else {
                    levels.pop();
                    sys.close(level.fd);
                    Level parent = levels.peek();
                    if (parent != null) {
                        unlinkAt(parent, parent.subdirectories.poll(), Linux.AT_REMOVEDIR);
                    }
                }
            }
        } catch (SyscallException | RuntimeException e) {
            for (Level level : levels) {
                try {
                    sys.close(level.fd);
                } catch (SyscallException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /** Unlinks what {@code level} holds but directories, which it queues in {@link Level#subdirectories}. */
    private void unlinkNonDirectories(Level level) throws SyscallException {
        Iterable<DirEntry> entries;
        try {
            entries = sys.readdirEntries(level.fd);
        } catch (SyscallException e) {
            throw at(e, level.path());
        }
        for (DirEntry entry : entries) {
            if (entry.type().orElse(null) == FileType.DIRECTORY || !unlinkAt(level, entry.name(), 0)) {
                level.subdirectories.add(entry.name());
            }
        }
    }

    /** {@return whether {@code name} in {@code level} is gone now}: false when it is a directory and {@code flags} do not say so */
    private boolean unlinkAt(Level level, byte[] name, int flags) throws SyscallException {
        try {
            sys.unlinkat(level.fd, RawPath.of(name), flags);
        } catch (SyscallException e) {
            if (e.is(Errno.EISDIR)) {
                return false;
            }
            if (!e.is(Errno.ENOENT)) {
                throw at(e, level.path().resolve(name));
            }
        }
        return true;
    }

    /** {@return a descriptor of {@code name} in {@code level}, -1 when it is gone} */
    private int openSubdirectory(Level level, byte[] name) throws SyscallException {
        try {
            return sys.openat(level.fd, RawPath.of(name), OPEN_DIRECTORY, 0);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return -1;
            }
            throw at(e, level.path().resolve(name));
        }
    }

    /** The failure of a call made relative to a descriptor, naming the whole path. */
    private static SyscallException at(SyscallException e, RawPath path) {
        SyscallException located = new SyscallException(e.call(), path.toString(), e.errno());
        located.initCause(e);
        return located;
    }

    /**
     * A directory being emptied: its descriptor, the subdirectories it still holds, and where it is,
     * as its name in its parent level (or, for the top, its path); the path itself is only put
     * together for an error message, as building it per level would cost time quadratic in depth.
     */
    private static final class Level {
        final int fd;
        final Level parent;
        final byte[] name;
        final RawPath topPath;
        final Deque<byte[]> subdirectories = new ArrayDeque<>();

        private Level(int fd, Level parent, byte[] name, RawPath topPath) {
            this.fd = fd;
            this.parent = parent;
            this.name = name;
            this.topPath = topPath;
        }

        static Level top(int fd, RawPath path) {
            return new Level(fd, null, null, path);
        }

        Level below(int fd, byte[] name) {
            return new Level(fd, this, name, null);
        }

        RawPath path() {
            Deque<byte[]> names = new ArrayDeque<>();
            Level level = this;
            for (; level.parent != null; level = level.parent) {
                names.push(level.name);
            }
            RawPath path = level.topPath;
            for (byte[] n : names) {
                path = path.resolve(n);
            }
            return path;
        }
    }
}
