package io.jcontainerd.sys;

import java.time.Instant;

/**
 * What {@code lstat(2)} says about a file. {@code uid} and {@code gid} are unsigned 32-bit values
 * held in longs so that large IDs never read as negative. {@code blocks} counts the 512-byte units
 * allocated ({@code st_blocks}): what the file takes on disk, less than {@code size} when sparse.
 */
public record FileStat(long dev, long ino, long nlink, int mode, long uid, long gid, long rdev, long size,
                       long blocks, Instant atime, Instant mtime, Instant ctime) {

    public FileType type() {
        return FileType.of(mode);
    }

    /** {@return the permission bits including setuid, setgid and sticky ({@code mode & 07777})} */
    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return (mode & Linux.S_IFMT) == Linux.S_IFDIR;
    }

    public boolean isSymlink() {
        return (mode & Linux.S_IFMT) == Linux.S_IFLNK;
    }

    public boolean isRegular() {
        return (mode & Linux.S_IFMT) == Linux.S_IFREG;
    }
}
