package io.jcontainerd.sys;

/**
 * A Linux error number, as a syscall left it in {@code errno}. The constants are the ones callers
 * branch on; any other number is still named by {@link #name()} (glibc's table).
 */
public record Errno(int number) {
    public static final Errno EPERM = new Errno(1);
    public static final Errno ENOENT = new Errno(2);
    public static final Errno EINTR = new Errno(4);
    public static final Errno EIO = new Errno(5);
    public static final Errno EBADF = new Errno(9);
    public static final Errno EAGAIN = new Errno(11);
    public static final Errno EACCES = new Errno(13);
    public static final Errno EBUSY = new Errno(16);
    public static final Errno EEXIST = new Errno(17);
    public static final Errno EXDEV = new Errno(18);
    public static final Errno ENOTDIR = new Errno(20);
    public static final Errno EISDIR = new Errno(21);
    public static final Errno EINVAL = new Errno(22);
    public static final Errno ENOSPC = new Errno(28);
    public static final Errno EROFS = new Errno(30);
    public static final Errno EMLINK = new Errno(31);
    public static final Errno ERANGE = new Errno(34);
    public static final Errno ENAMETOOLONG = new Errno(36);
    public static final Errno ENOTEMPTY = new Errno(39);
    public static final Errno ELOOP = new Errno(40);
    public static final Errno ENODATA = new Errno(61);
    public static final Errno EOPNOTSUPP = new Errno(95);
    public static final Errno EDQUOT = new Errno(122);

    /** {@return the symbolic name, e.g. {@code ENOENT}, or {@code errno 999} for an unknown number} */
    public String name() {
        return ErrnoText.name(number);
    }

    /** {@return the C library's description, e.g. {@code No such file or directory}} */
    public String description() {
        return ErrnoText.description(number);
    }

    @Override
    public String toString() {
        return name();
    }
}
