package io.jcontainerd.sys;

/** Linux x86_64 constants the {@link Syscalls} take, and device-number arithmetic (glibc's). */
public final class Linux {
    private Linux() {
    }

    // st_mode file types
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    // open(2) flags
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_NONBLOCK = 04000;

    // unlinkat(2) flags
    public static final int AT_REMOVEDIR = 0x200;

    // inotify(7) events
    public static final int IN_MODIFY = 0x2;

    // poll(2) events
    public static final short POLLIN = 0x1;
    public static final short POLLHUP = 0x10;

    // mount(2) flags
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final long MS_SHARED = 1 << 20;

    // posix_fadvise(2) advice
    public static final int POSIX_FADV_DONTNEED = 4;

    // flock(2) operations
    public static final int LOCK_EX = 2;
    public static final int LOCK_UN = 8;

    // unshare(2) flags
    public static final int CLONE_FS = 0x200;

    // umount2(2) flags
    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;

    // setxattr(2) flags
    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;

    /** {@return the {@code dev_t} of a major and minor number (unsigned 32-bit each)} */
    public static long makedev(long major, long minor) {
        checkDeviceNumber(major, "major");
        checkDeviceNumber(minor, "minor");
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    public static long major(long dev) {
        return ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL);
    }

    public static long minor(long dev) {
        return ((dev >>> 12) & 0xffffff00L) | (dev & 0xffL);
    }

    private static void checkDeviceNumber(long n, String what) {
        if (n < 0 || n > 0xffffffffL) {
            throw new IllegalArgumentException("device " + what + " number " + n + " out of range [0, 2^32-1]");
        }
    }
}
