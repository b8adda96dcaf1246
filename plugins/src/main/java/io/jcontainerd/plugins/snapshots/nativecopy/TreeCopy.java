package io.jcontainerd.plugins.snapshots.nativecopy;

import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies a directory tree with everything a root filesystem needs, as containerd's
 * {@code fs.CopyDir}: directories, regular files, symlinks, device nodes and fifos; modes with
 * setuid/setgid/sticky bits, owners, extended attributes ({@code security.*} and
 * {@code trusted.*} too, when run as root), hard links among the copied files, and access and
 * modification times. Symlinks are copied, never followed. Sockets are skipped, as upstream does.
 *
 * <p>For directories, files and symlinks the JDK's {@link Files#copy} with {@code COPY_ATTRIBUTES}
 * does the per-entry work on Linux (owner before mode, so set-id bits survive; extended
 * attributes after both, so {@code security.capability} survives). It would open a fifo or a
 * device to read it, so those are made with {@code mknod}. This class adds recursion, hard links,
 * and the times the JDK does not keep: those of symlinks, and of directories once filled.
 */
final class TreeCopy {
    private static final System.Logger LOG = System.getLogger(TreeCopy.class.getName());
    private static final String ATTRIBUTES = "unix:mode,rdev,uid,gid,nlink,dev,ino,lastModifiedTime,lastAccessTime";
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFSOCK = 0140000;

    private final Syscalls sys;
    /** Where each multiply-linked source inode was first copied. */
    private final Map<Inode, Path> linked = new HashMap<>();

    private record Inode(long dev, long ino) {
    }

    private TreeCopy(Syscalls sys) {
        this.sys = sys;
    }

    /** Copies the directory {@code src}, itself and all below it, to {@code dst}, which must not exist. */
    static void copy(Syscalls sys, Path src, Path dst) throws IOException {
        new TreeCopy(sys).entry(src, dst);
    }

    private void entry(Path src, Path dst) throws IOException {
        Map<String, Object> a = Files.readAttributes(src, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int type = mode & S_IFMT;
        if (type != S_IFDIR && (Integer) a.get("nlink") > 1) {
            Path first = linked.putIfAbsent(new Inode((Long) a.get("dev"), (Long) a.get("ino")), dst);
            if (first != null) {
                Files.createLink(dst, first);
                return;
            }
        }
        switch (type) {
            case S_IFDIR -> {
                Files.copy(src, dst, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                try (DirectoryStream<Path> children = Files.newDirectoryStream(src)) {
                    for (Path child : children) {
                        entry(child, dst.resolve(child.getFileName()));
                    }
                }
            }
            case S_IFREG, S_IFLNK -> Files.copy(src, dst, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            case S_IFSOCK -> {
                LOG.log(System.Logger.Level.DEBUG, "skipping socket " + src);
                return;
            }
            default -> {
                sys.mknod(RawPath.of(dst), type | 0600, (Long) a.get("rdev"));
                Files.setAttribute(dst, "unix:uid", a.get("uid"), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(dst, "unix:gid", a.get("gid"), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(dst, "unix:mode", mode & 07777); // after the owner: chown clears set-id bits
            }
        }
        if (type != S_IFREG) {
            // the JDK would open the node to stamp it, which blocks on a fifo
            sys.lutimes(RawPath.of(dst), ((FileTime) a.get("lastAccessTime")).toInstant(),
                    ((FileTime) a.get("lastModifiedTime")).toInstant());
        }
    }
}
