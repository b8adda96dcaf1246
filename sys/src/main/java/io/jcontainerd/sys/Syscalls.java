package io.jcontainerd.sys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel calls jcontainerd makes, one method per syscall, so that code above can be tested
 * with a double and without root. {@link LinuxSyscalls} is the real one.
 *
 * <p>Paths are {@link RawPath}s (bytes, as layers name files). No method follows a symbolic link
 * in the <em>last</em> component of a path unless it says so; earlier components are resolved by
 * the kernel as usual, so callers that handle untrusted trees must hand in paths whose directories
 * they have checked. Every failure is a {@link SyscallException} naming the call, the path and the
 * errno. IDs ({@code uid}, {@code gid}) are unsigned 32-bit values in [0, 2^32-2]; 2^32-1 means
 * "unchanged" to the kernel and is refused, as is anything that would wrap.
 */
public interface Syscalls {

    /** {@return the effective user ID of this process} */
    long geteuid();

    // --- mounts ---

    /** {@code mount(2)}; {@code source}, {@code fstype} and {@code data} may be null. */
    void mount(String source, RawPath target, String fstype, long flags, String data) throws SyscallException;

    /** {@code umount2(2)} with {@code MNT_*} flags. */
    void umount2(RawPath target, int flags) throws SyscallException;

    // --- reading the tree ---

    /** {@code lstat(2)}. */
    FileStat lstat(RawPath path) throws SyscallException;

    /** {@code lstat(2)}, empty when the path does not exist (ENOENT). */
    default Optional<FileStat> lstatIfExists(RawPath path) throws SyscallException {
        try {
            return Optional.of(lstat(path));
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code readlink(2)}: the link's target, byte for byte. */
    byte[] readlink(RawPath path) throws SyscallException;

    /**
     * The entries of a directory, without {@code .} and {@code ..}, in the order the file system
     * returns them, each with the type its entry states. Fails (ENOTDIR) when {@code dir} is a
     * symbolic link: it never lists through one.
     */
    List<DirEntry> readdirEntries(RawPath dir) throws SyscallException;

    /**
     * The entries of the directory open as {@code dirFd} (from {@link #openat} with
     * {@link Linux#O_DIRECTORY}), from its current offset to its end, as {@link #readdirEntries(RawPath)}
     * gives them. Descriptors let a walk go deeper than a path can name ({@code PATH_MAX}).
     */
    List<DirEntry> readdirEntries(int dirFd) throws SyscallException;

    /** The names {@link #readdirEntries(RawPath)} returns, in a list the caller may reorder. */
    default List<byte[]> readdir(RawPath dir) throws SyscallException {
        List<byte[]> names = new ArrayList<>();
        for (DirEntry entry : readdirEntries(dir)) {
            names.add(entry.name());
        }
        return names;
    }

    // --- making and removing nodes ---

    /** {@code mkdir(2)}; the umask applies, as for any mkdir. */
    void mkdir(RawPath path, int mode) throws SyscallException;

    /** {@code mknod(2)}: {@code mode} carries the {@code S_IF*} type; {@code dev} from {@link Linux#makedev}. */
    void mknod(RawPath path, int mode, long dev) throws SyscallException;

    /** {@code symlink(2)}: creates {@code link} pointing at {@code target}, stored verbatim. */
    void symlink(byte[] target, RawPath link) throws SyscallException;

    /** {@code link(2)}: a new name for {@code existing}; a symlink gets a second name, not its target. */
    void link(RawPath existing, RawPath link) throws SyscallException;

    /** {@code unlink(2)}. */
    void unlink(RawPath path) throws SyscallException;

    /** {@code rmdir(2)}. */
    void rmdir(RawPath path) throws SyscallException;

    /**
     * {@code unlinkat(2)}: {@code path} relative to the directory open as {@code dirFd}; with
     * {@link Linux#AT_REMOVEDIR} it removes an empty directory, as {@link #rmdir} does.
     */
    void unlinkat(int dirFd, RawPath path, int flags) throws SyscallException;

    // --- the calling thread ---

    /** {@code chdir(2)}: changes the working directory of every thread sharing this one's fs state. */
    void chdir(RawPath path) throws SyscallException;

    /** {@code unshare(2)} for the calling thread, e.g. {@link Linux#CLONE_FS} to give it a working directory of its own. */
    void unshare(int flags) throws SyscallException;

    // --- metadata ---

    /** {@code lchown(2)}. */
    void lchown(RawPath path, long uid, long gid) throws SyscallException;

    /**
     * {@code fchmodat(2)} with {@code AT_SYMLINK_NOFOLLOW}: sets all 07777 bits (setuid, setgid,
     * sticky included) and never touches a symlink's target; on a symlink it fails (EOPNOTSUPP).
     */
    void lchmod(RawPath path, int mode) throws SyscallException;

    /** {@code utimensat(2)} with {@code AT_SYMLINK_NOFOLLOW}: nanosecond times, also on symlinks. */
    void lutimes(RawPath path, Instant atime, Instant mtime) throws SyscallException;

    /** {@code lsetxattr(2)} with {@code XATTR_*} flags. */
    void lsetxattr(RawPath path, String name, byte[] value, int flags) throws SyscallException;

    /** {@code lgetxattr(2)}; empty when the attribute is not set (ENODATA). */
    Optional<byte[]> lgetxattr(RawPath path, String name) throws SyscallException;

    /** {@code llistxattr(2)}: the attribute names, in the file system's order. */
    List<String> llistxattr(RawPath path) throws SyscallException;

    // --- file contents ---

    /** {@code open(2)} with {@code O_*} flags (add {@code O_CLOEXEC}); returns the descriptor. */
    int open(RawPath path, int flags, int mode) throws SyscallException;

    /** {@code openat(2)}: {@link #open} of {@code path} relative to the directory open as {@code dirFd}. */
    int openat(int dirFd, RawPath path, int flags, int mode) throws SyscallException;

    /** {@code read(2)}: bytes read into {@code buf[off..off+len)} (may be fewer than {@code len}), 0 at end of file. */
    int read(int fd, byte[] buf, int off, int len) throws SyscallException;

    /** {@code write(2)}: bytes written from {@code buf[off..off+len)} (may be fewer than {@code len}). */
    int write(int fd, byte[] buf, int off, int len) throws SyscallException;

    /** {@code close(2)}. */
    void close(int fd) throws SyscallException;

    // --- processes ---

    /**
     * {@code posix_spawn(3)} of {@code program} (an absolute path) with {@code argv} and {@code env}
     * (each {@code NAME=value}) in {@code workDir}. Child descriptor {@code i} is a duplicate of
     * {@code fds[i]}; every other descriptor stays behind, whether or not it was opened with
     * {@code O_CLOEXEC}. The child
     * starts with an empty signal mask and every signal at its default action, whatever the
     * calling thread had, so a JVM's signal setup never leaks into it.
     *
     * @return the child's pid; the caller must reap it ({@link #waitAnyChild})
     */
    int spawn(String program, List<String> argv, List<String> env, String workDir, int[] fds) throws SyscallException;

    /**
     * {@code waitpid(-1, ..., 0)}: blocks until any child (or orphan reparented to a subreaper)
     * ends, and reaps it. Empty when this process has no children (ECHILD).
     */
    Optional<ChildExit> waitAnyChild() throws SyscallException;

    /** {@code prctl(PR_SET_CHILD_SUBREAPER, 1)}: orphaned descendants are reparented to this process. */
    void setChildSubreaper() throws SyscallException;

    /** {@code kill(2)}. */
    void kill(int pid, int signal) throws SyscallException;

    /** {@code pipe2(2)} with {@code O_CLOEXEC}: {@code [read end, write end]}. */
    int[] pipe() throws SyscallException;

    /**
     * {@code eventfd(2)} with {@code EFD_CLOEXEC}, counter at zero: a read of its 8 bytes waits for
     * (and resets) the count (cgroup v1 memory OOM notifications are delivered this way).
     */
    int eventfd() throws SyscallException;

    /**
     * {@code inotify_init1(IN_CLOEXEC | IN_NONBLOCK)} and {@code inotify_add_watch} of {@code path}
     * for the events of {@code mask} ({@link Linux#IN_MODIFY}...): the inotify descriptor, readable
     * when events are queued (cgroup v2 reports memory events by modifying {@code memory.events}).
     */
    int inotifyWatch(RawPath path, int mask) throws SyscallException;

    /**
     * {@code poll(2)}: waits until one of {@code fds} has one of its {@code events} ({@code POLL*}),
     * or {@code timeoutMillis} pass (-1: no limit); {@code revents[i]} receives what happened to
     * {@code fds[i]}. Returns how many descriptors have something (0 on timeout).
     */
    int poll(int[] fds, short[] events, short[] revents, int timeoutMillis) throws SyscallException;

    /** {@code flock(2)} with {@code LOCK_*} operations (the lock flock(1) in scripts takes, unlike fcntl's). */
    void flock(int fd, int operation) throws SyscallException;

    /** {@code posix_fadvise(2)} with a {@code POSIX_FADV_*} advice; a {@code length} of 0 means to the end. */
    void fadvise(int fd, long offset, long length, int advice) throws SyscallException;

    // --- terminals ---

    /** A Unix stream socket bound at {@code path} and listening (close-on-exec): where runc sends a console. */
    int listenUnix(RawPath path) throws SyscallException;

    /**
     * Accepts one connection on {@code listenFd} and receives the descriptor its peer sends with
     * {@code SCM_RIGHTS} (runc's {@code --console-socket}: the pty master), close-on-exec.
     *
     * @return the descriptor, or -1 when the peer sent none (it hung up)
     */
    int receiveFd(int listenFd) throws SyscallException;

    /** {@code ioctl(TIOCSWINSZ)}: the terminal's size in characters. */
    void setWindowSize(int fd, int rows, int columns) throws SyscallException;
}
