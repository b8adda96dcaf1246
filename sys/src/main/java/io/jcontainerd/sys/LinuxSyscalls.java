package io.jcontainerd.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@link Syscalls} on Linux x86_64 with glibc (2.33 or newer, for the {@code lstat} and
 * {@code mknod} symbols), through the FFM API.
 *
 * <p>Calls that only look paths up or change metadata are linked as <em>critical</em> with heap
 * access: they take the Java arrays (path bytes, {@code struct stat}, errno) directly, with no
 * native allocation per call. Such a call holds off the garbage collector while it runs, so calls
 * that can block for long ({@code mount}, {@code open}, {@code read}, {@code write}) are linked
 * normally. errno is captured by the linker, so no other call can overwrite it in between.
 */
public final class LinuxSyscalls implements Syscalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final Linker.Option CRITICAL = Linker.Option.critical(true);
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int ENOSYS = 38;
    private static final int ECHILD = 10;
    private static final long MAX_ID = 0xfffffffeL;
    /** {@code struct stat} is 144 bytes on x86_64. */
    private static final int STAT_LONGS = 18;
    private static final int DIRENT_BUFFER = 32 * 1024;
    private static final int LINK_BUFFER = 4096;

    // Each function is linked on its first call, through its own holder class: linking one costs
    // ~3 ms in a fresh JVM (all 55 took 120 ms of the daemon's start and 260 ms of a shim's), and
    // a process calls few of them. A glibc without one fails on that function's first call.
    private static final class GeteuidFn {
        static final MethodHandle HANDLE = downcall("geteuid", FunctionDescriptor.of(JAVA_INT));
    }
    private static final class MountFn {
        static final MethodHandle HANDLE = downcall("mount",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), ERRNO);
    }
    private static final class Umount2Fn {
        static final MethodHandle HANDLE = downcall("umount2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    }
    private static final class LstatFn {
        static final MethodHandle HANDLE = downcall("lstat",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), ERRNO, CRITICAL);
    }
    private static final class ReadlinkFn {
        static final MethodHandle HANDLE = downcall("readlink",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG), ERRNO, CRITICAL);
    }
    private static final class Getdents64Fn {
        static final MethodHandle HANDLE = downcall("getdents64",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO, CRITICAL);
    }
    private static final class MkdirFn {
        static final MethodHandle HANDLE = downcall("mkdir",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO, CRITICAL);
    }
    private static final class MknodFn {
        static final MethodHandle HANDLE = downcall("mknod",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG), ERRNO, CRITICAL);
    }
    private static final class SymlinkFn {
        static final MethodHandle HANDLE = downcall("symlink",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), ERRNO, CRITICAL);
    }
    private static final class LinkFn {
        static final MethodHandle HANDLE = downcall("link",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), ERRNO, CRITICAL);
    }
    private static final class UnlinkFn {
        static final MethodHandle HANDLE = downcall("unlink",
                FunctionDescriptor.of(JAVA_INT, ADDRESS), ERRNO, CRITICAL);
    }
    private static final class RmdirFn {
        static final MethodHandle HANDLE = downcall("rmdir",
                FunctionDescriptor.of(JAVA_INT, ADDRESS), ERRNO, CRITICAL);
    }
    private static final class UnlinkatFn {
        static final MethodHandle HANDLE = downcall("unlinkat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO, CRITICAL);
    }
    private static final class ChdirFn {
        static final MethodHandle HANDLE = downcall("chdir",
                FunctionDescriptor.of(JAVA_INT, ADDRESS), ERRNO, CRITICAL);
    }
    private static final class UnshareFn {
        static final MethodHandle HANDLE = downcall("unshare",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT), ERRNO, CRITICAL);
    }
    private static final class LchownFn {
        static final MethodHandle HANDLE = downcall("lchown",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO, CRITICAL);
    }
    /** {@code syscall(SYS_fchmodat2, ...)}: the kernel's own no-follow chmod (Linux 6.6+); variadic after the number. */
    private static final class Fchmodat2Fn {
        static final MethodHandle HANDLE = downcall("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO, CRITICAL,
                Linker.Option.firstVariadicArg(1));
    }
    private static final long SYS_FCHMODAT2 = 452;
    private static final class FchmodatFn {
        static final MethodHandle HANDLE = downcall("fchmodat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO, CRITICAL);
    }
    private static final class UtimensatFn {
        static final MethodHandle HANDLE = downcall("utimensat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), ERRNO, CRITICAL);
    }
    private static final class LsetxattrFn {
        static final MethodHandle HANDLE = downcall("lsetxattr",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO, CRITICAL);
    }
    private static final class LgetxattrFn {
        static final MethodHandle HANDLE = downcall("lgetxattr",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG), ERRNO, CRITICAL);
    }
    private static final class LlistxattrFn {
        static final MethodHandle HANDLE = downcall("llistxattr",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG), ERRNO, CRITICAL);
    }
    /** {@code open} is variadic: the mode is its first variadic argument. */
    private static final class OpenFn {
        static final MethodHandle HANDLE = downcall("open",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(2));
    }
    /** {@code openat} is variadic too: the mode follows the flags. */
    private static final class OpenatFn {
        static final MethodHandle HANDLE = downcall("openat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(3));
    }
    private static final class ReadFn {
        static final MethodHandle HANDLE = downcall("read",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO);
    }
    private static final class WriteFn {
        static final MethodHandle HANDLE = downcall("write",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO);
    }
    private static final class CloseFn {
        static final MethodHandle HANDLE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), ERRNO);
    }
    // posix_spawn returns its error number instead of setting errno
    private static final class PosixSpawnFn {
        static final MethodHandle HANDLE = downcall("posix_spawn",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    }
    private static final class FileActionsInitFn {
        static final MethodHandle HANDLE = downcall("posix_spawn_file_actions_init",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class FileActionsDestroyFn {
        static final MethodHandle HANDLE = downcall("posix_spawn_file_actions_destroy",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class FileActionsDup2Fn {
        static final MethodHandle HANDLE = downcall("posix_spawn_file_actions_adddup2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }
    private static final class FileActionsChdirFn {
        static final MethodHandle HANDLE = downcall("posix_spawn_file_actions_addchdir_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }
    /** glibc 2.34+ */
    private static final class FileActionsClosefromFn {
        static final MethodHandle HANDLE = downcall("posix_spawn_file_actions_addclosefrom_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class SpawnattrInitFn {
        static final MethodHandle HANDLE = downcall("posix_spawnattr_init",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class SpawnattrDestroyFn {
        static final MethodHandle HANDLE = downcall("posix_spawnattr_destroy",
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class SpawnattrSetflagsFn {
        static final MethodHandle HANDLE = downcall("posix_spawnattr_setflags",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    }
    private static final class SpawnattrSetsigmaskFn {
        static final MethodHandle HANDLE = downcall("posix_spawnattr_setsigmask",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class SpawnattrSetsigdefaultFn {
        static final MethodHandle HANDLE = downcall("posix_spawnattr_setsigdefault",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class SigemptysetFn {
        static final MethodHandle HANDLE = downcall("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class SigfillsetFn {
        static final MethodHandle HANDLE = downcall("sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }
    private static final class WaitpidFn {
        static final MethodHandle HANDLE = downcall("waitpid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    }
    /** {@code prctl} is variadic after the option. */
    private static final class PrctlFn {
        static final MethodHandle HANDLE = downcall("prctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), ERRNO, Linker.Option.firstVariadicArg(1));
    }
    private static final class KillFn {
        static final MethodHandle HANDLE = downcall("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
    }
    private static final class Pipe2Fn {
        static final MethodHandle HANDLE = downcall("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    }
    private static final class EventfdFn {
        static final MethodHandle HANDLE = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
    }
    /** {@code EFD_CLOEXEC} (= {@code O_CLOEXEC}). */
    private static final int EFD_CLOEXEC = Linux.O_CLOEXEC;
    private static final class InotifyInit1Fn {
        static final MethodHandle HANDLE = downcall("inotify_init1", FunctionDescriptor.of(JAVA_INT, JAVA_INT), ERRNO);
    }
    private static final class InotifyAddWatchFn {
        static final MethodHandle HANDLE = downcall("inotify_add_watch",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    }
    /** {@code IN_CLOEXEC | IN_NONBLOCK} (= {@code O_CLOEXEC | O_NONBLOCK}). */
    private static final int IN_CLOEXEC_NONBLOCK = Linux.O_CLOEXEC | Linux.O_NONBLOCK;
    private static final class PollFn {
        static final MethodHandle HANDLE = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO);
    }
    /** {@code struct pollfd}: int fd, short events, short revents. */
    private static final int POLLFD_BYTES = 8;
    private static final class SocketFn {
        static final MethodHandle HANDLE = downcall("socket",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
    }
    private static final class BindFn {
        static final MethodHandle HANDLE = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    }
    private static final class ListenFn {
        static final MethodHandle HANDLE = downcall("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
    }
    private static final class Accept4Fn {
        static final MethodHandle HANDLE = downcall("accept4",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), ERRNO);
    }
    private static final class RecvmsgFn {
        static final MethodHandle HANDLE = downcall("recvmsg",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), ERRNO);
    }
    /** {@code ioctl} is variadic after the request. */
    private static final class IoctlFn {
        static final MethodHandle HANDLE = downcall("ioctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), ERRNO, Linker.Option.firstVariadicArg(2));
    }
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final long TIOCSWINSZ = 0x5414;
    /** {@code struct sockaddr_un}: a 2-byte family, then 108 bytes of path. */
    private static final int SUN_PATH = 108;
    private static final class FlockFn {
        static final MethodHandle HANDLE = downcall("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERRNO);
    }
    // like posix_spawn, posix_fadvise returns its error number
    private static final class FadviseFn {
        static final MethodHandle HANDLE = downcall("posix_fadvise",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    }
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    /** glibc's posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128: room to spare. */
    private static final long SPAWN_STRUCT = 1024;
    private static final long SIGSET = 128;

    /**
     * read and write may block on I/O, so they are not critical and need native memory; one buffer
     * per thread spares an allocation (and its zeroing) per call. They move at most
     * {@link #IO_CHUNK} bytes a call, which their contract (a short count) allows.
     */
    private static final int IO_CHUNK = 256 * 1024;
    private static final ThreadLocal<IoScratch> IO_SCRATCH = ThreadLocal.withInitial(IoScratch::new);

    private static final class IoScratch {
        final MemorySegment errno = Arena.ofAuto().allocate(CAPTURE);
        final MemorySegment buffer = Arena.ofAuto().allocate(IO_CHUNK);
    }

    /** Until a call says ENOSYS (kernels before 6.6, or a seccomp filter that does not know it). */
    private static volatile boolean fchmodat2Available = true;

    @Override
    public long geteuid() {
        try {
            return Integer.toUnsignedLong((int) GeteuidFn.HANDLE.invokeExact());
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public void mount(String source, RawPath target, String fstype, long flags, String data)
            throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int r = (int) MountFn.HANDLE.invokeExact(errno, cString(arena, source), nativeCopy(arena, target),
                    cString(arena, fstype), flags, cString(arena, data));
            check(r, errno, "mount", target);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public void umount2(RawPath target, int flags) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int r = (int) Umount2Fn.HANDLE.invokeExact(errno, nativeCopy(arena, target), flags);
            check(r, errno, "umount2", target);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public FileStat lstat(RawPath path) throws SyscallException {
        int[] errno = new int[1];
        long[] st = new long[STAT_LONGS];
        int r;
        try {
            r = (int) LstatFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment(), MemorySegment.ofArray(st));
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "lstat", path);
        // x86_64 struct stat: dev, ino, nlink, {mode, uid}, {gid, pad}, rdev, size, blksize, blocks,
        // atim{sec, nsec}, mtim{sec, nsec}, ctim{sec, nsec}
        return new FileStat(st[0], st[1], st[2], (int) st[3], st[3] >>> 32, st[4] & 0xffffffffL, st[5], st[6], st[8],
                Instant.ofEpochSecond(st[9], st[10]), Instant.ofEpochSecond(st[11], st[12]),
                Instant.ofEpochSecond(st[13], st[14]));
    }

    @Override
    public byte[] readlink(RawPath path) throws SyscallException {
        for (int size = LINK_BUFFER; ; size *= 2) {
            int[] errno = new int[1];
            byte[] buf = new byte[size];
            long n;
            try {
                n = (long) ReadlinkFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment(),
                        MemorySegment.ofArray(buf), (long) size);
            } catch (Throwable t) {
                throw DowncallFailure.of("native call", t);
            }
            check(n, errno, "readlink", path);
            if (n < size) {
                return Arrays.copyOf(buf, (int) n);
            }
        }
    }

    @Override
    public List<DirEntry> readdirEntries(RawPath dir) throws SyscallException {
        int fd = open(dir, Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0);
        try {
            return getdents(fd, dir);
        } finally {
            close(fd);
        }
    }

    @Override
    public List<DirEntry> readdirEntries(int dirFd) throws SyscallException {
        return getdents(dirFd, "fd " + dirFd);
    }

    /** getdents64 until the end; {@code dir} names the directory in errors. */
    private static List<DirEntry> getdents(int fd, Object dir) throws SyscallException {
        List<DirEntry> entries = new ArrayList<>();
        byte[] buf = new byte[DIRENT_BUFFER];
        while (true) {
            int[] errno = new int[1];
            long n;
            try {
                n = (long) Getdents64Fn.HANDLE.invokeExact(MemorySegment.ofArray(errno), fd,
                        MemorySegment.ofArray(buf), (long) buf.length);
            } catch (Throwable t) {
                throw DowncallFailure.of("native call", t);
            }
            check(n, errno, "getdents64", dir);
            if (n == 0) {
                return entries;
            }
            collectEntries(buf, (int) n, entries);
        }
    }

    /** Parses {@code struct linux_dirent64} records: ino(8) off(8) reclen(2) type(1) name(NUL-terminated). */
    private static void collectEntries(byte[] buf, int length, List<DirEntry> entries) {
        for (int at = 0; at < length; ) {
            int reclen = (buf[at + 16] & 0xff) | (buf[at + 17] & 0xff) << 8;
            int nameStart = at + 19;
            int nameEnd = nameStart;
            while (buf[nameEnd] != 0) {
                nameEnd++;
            }
            byte[] name = Arrays.copyOfRange(buf, nameStart, nameEnd);
            if (RawPath.isComponent(name)) {
                entries.add(new DirEntry(name, FileType.ofDirentType(buf[at + 18] & 0xff)));
            }
            at += reclen;
        }
    }

    @Override
    public void mkdir(RawPath path, int mode) throws SyscallException {
        int[] errno = new int[1];
        int r;
        try {
            r = (int) MkdirFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment(), mode);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "mkdir", path);
    }

    @Override
    public void mknod(RawPath path, int mode, long dev) throws SyscallException {
        int[] errno = new int[1];
        int r;
        try {
            r = (int) MknodFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment(), mode, dev);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "mknod", path);
    }

    @Override
    public void symlink(byte[] target, RawPath link) throws SyscallException {
        int[] errno = new int[1];
        int r;
        try {
            r = (int) SymlinkFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), RawPath.of(target).segment(), link.segment());
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "symlink", link);
    }

    @Override
    public void link(RawPath existing, RawPath link) throws SyscallException {
        int[] errno = new int[1];
        int r;
        try {
            r = (int) LinkFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), existing.segment(), link.segment());
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "link", link + " -> " + existing);
    }

    @Override
    public void unlink(RawPath path) throws SyscallException {
        int[] errno = new int[1];
        int r;
        try {
            r = (int) UnlinkFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment());
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "unlink", path);
    }

    @Override
    public void rmdir(RawPath path) throws SyscallException {
        int[] errno = new int[1];
        int r;
        try {
            r = (int) RmdirFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment());
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "rmdir", path);
    }

    @Override
    public void unlinkat(int dirFd, RawPath path, int flags) throws SyscallException {
        int[] errno = new int[1];
        int r;
        try {
            r = (int) UnlinkatFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), dirFd, path.segment(), flags);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "unlinkat", path);
    }

    @Override
    public void chdir(RawPath path) throws SyscallException {
        int[] errno = new int[1];
        int r;
        try {
            r = (int) ChdirFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment());
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "chdir", path);
    }

    @Override
    public void unshare(int flags) throws SyscallException {
        int[] errno = new int[1];
        int r;
        try {
            r = (int) UnshareFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), flags);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "unshare", "0x" + Integer.toHexString(flags));
    }

    @Override
    public void lchown(RawPath path, long uid, long gid) throws SyscallException {
        checkId(uid, "uid");
        checkId(gid, "gid");
        int[] errno = new int[1];
        int r;
        try {
            r = (int) LchownFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment(), (int) uid, (int) gid);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "lchown", path);
    }

    /**
     * One {@code fchmodat2} syscall where the kernel has it; otherwise glibc's {@code fchmodat},
     * which emulates the flag with an {@code O_PATH} descriptor and {@code /proc} (four syscalls).
     */
    @Override
    public void lchmod(RawPath path, int mode) throws SyscallException {
        int[] errno = new int[1];
        if (fchmodat2Available) {
            long r;
            try {
                r = (long) Fchmodat2Fn.HANDLE.invokeExact(MemorySegment.ofArray(errno), SYS_FCHMODAT2, AT_FDCWD, path.segment(),
                        mode & 07777, AT_SYMLINK_NOFOLLOW);
            } catch (Throwable t) {
                throw DowncallFailure.of("native call", t);
            }
            if (r == 0 || errno[0] != ENOSYS) {
                check(r, errno, "lchmod", path);
                return;
            }
            fchmodat2Available = false;
        }
        int r;
        try {
            r = (int) FchmodatFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), AT_FDCWD, path.segment(), mode & 07777,
                    AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "lchmod", path);
    }

    @Override
    public void lutimes(RawPath path, Instant atime, Instant mtime) throws SyscallException {
        int[] errno = new int[1];
        long[] times = {atime.getEpochSecond(), atime.getNano(), mtime.getEpochSecond(), mtime.getNano()};
        int r;
        try {
            r = (int) UtimensatFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), AT_FDCWD, path.segment(),
                    MemorySegment.ofArray(times), AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "utimensat", path);
    }

    @Override
    public void lsetxattr(RawPath path, String name, byte[] value, int flags) throws SyscallException {
        int[] errno = new int[1];
        int r;
        try {
            r = (int) LsetxattrFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment(), xattrName(name),
                    MemorySegment.ofArray(value), (long) value.length, flags);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        check(r, errno, "lsetxattr " + name, path);
    }

    @Override
    public Optional<byte[]> lgetxattr(RawPath path, String name) throws SyscallException {
        MemorySegment nameSegment = xattrName(name);
        while (true) {
            long size = getxattr(path, name, nameSegment, new byte[0]);
            if (size < 0) {
                return Optional.empty();
            }
            byte[] value = new byte[(int) size];
            long got = getxattr(path, name, nameSegment, value);
            if (got < 0) {
                return Optional.empty();
            }
            if (got <= size) {
                return Optional.of(Arrays.copyOf(value, (int) got));
            }
        }
    }

    /** One {@code lgetxattr} call: the size, -1 for ENODATA; -2 when the value grew past {@code buf} (ERANGE). */
    private long getxattr(RawPath path, String name, MemorySegment nameSegment, byte[] buf) throws SyscallException {
        int[] errno = new int[1];
        long n;
        try {
            n = (long) LgetxattrFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment(), nameSegment,
                    MemorySegment.ofArray(buf), (long) buf.length);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        if (n < 0 && errno[0] == Errno.ENODATA.number()) {
            return -1;
        }
        if (n < 0 && errno[0] == Errno.ERANGE.number()) {
            return Long.MAX_VALUE; // the value grew between the two calls: the caller asks again
        }
        check(n, errno, "lgetxattr " + name, path);
        return n;
    }

    @Override
    public List<String> llistxattr(RawPath path) throws SyscallException {
        while (true) {
            long size = listxattr(path, new byte[0]);
            byte[] names = new byte[(int) size];
            long got = listxattr(path, names);
            if (got <= size) {
                return splitNames(names, (int) got);
            }
        }
    }

    private long listxattr(RawPath path, byte[] buf) throws SyscallException {
        int[] errno = new int[1];
        long n;
        try {
            n = (long) LlistxattrFn.HANDLE.invokeExact(MemorySegment.ofArray(errno), path.segment(),
                    MemorySegment.ofArray(buf), (long) buf.length);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        if (n < 0 && errno[0] == Errno.ERANGE.number()) {
            return Long.MAX_VALUE;
        }
        check(n, errno, "llistxattr", path);
        return n;
    }

    private static List<String> splitNames(byte[] names, int length) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (names[i] == 0) {
                if (i > start) {
                    out.add(new String(names, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return out;
    }

    @Override
    public int open(RawPath path, int flags, int mode) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) OpenFn.HANDLE.invokeExact(errno, nativeCopy(arena, path), flags, mode);
            check(fd, errno, "open", path);
            return fd;
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public int openat(int dirFd, RawPath path, int flags, int mode) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) OpenatFn.HANDLE.invokeExact(errno, dirFd, nativeCopy(arena, path), flags, mode);
            check(fd, errno, "openat", path);
            return fd;
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public int read(int fd, byte[] buf, int off, int len) throws SyscallException {
        IoScratch scratch = IO_SCRATCH.get();
        int want = Math.min(len, IO_CHUNK);
        try {
            long n = (long) ReadFn.HANDLE.invokeExact(scratch.errno, fd, scratch.buffer, (long) want);
            check(n, scratch.errno, "read", "fd " + fd);
            MemorySegment.copy(scratch.buffer, 0, MemorySegment.ofArray(buf), off, n);
            return (int) n;
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public int write(int fd, byte[] buf, int off, int len) throws SyscallException {
        IoScratch scratch = IO_SCRATCH.get();
        int want = Math.min(len, IO_CHUNK);
        try {
            MemorySegment.copy(MemorySegment.ofArray(buf), off, scratch.buffer, 0, want);
            long n = (long) WriteFn.HANDLE.invokeExact(scratch.errno, fd, scratch.buffer, (long) want);
            check(n, scratch.errno, "write", "fd " + fd);
            return (int) n;
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public void close(int fd) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int r = (int) CloseFn.HANDLE.invokeExact(errno, fd);
            check(r, errno, "close", "fd " + fd);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public int spawn(String program, List<String> argv, List<String> env, String workDir, int[] fds)
            throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(SPAWN_STRUCT, 16);
            MemorySegment attr = arena.allocate(SPAWN_STRUCT, 16);
            checkError((int) FileActionsInitFn.HANDLE.invokeExact(actions), "posix_spawn_file_actions_init", program);
            checkError((int) SpawnattrInitFn.HANDLE.invokeExact(attr), "posix_spawnattr_init", program);
            try {
                for (int i = 0; i < fds.length; i++) {
                    checkError((int) FileActionsDup2Fn.HANDLE.invokeExact(actions, fds[i], i), "posix_spawn_file_actions_adddup2", program);
                }
                // nothing else the JVM holds reaches the child, with or without O_CLOEXEC: runc's
                // CVE-2024-21626 was a leaked descriptor a container could reach
                checkError((int) FileActionsClosefromFn.HANDLE.invokeExact(actions, fds.length),
                        "posix_spawn_file_actions_addclosefrom_np", program);
                if (workDir != null) {
                    checkError((int) FileActionsChdirFn.HANDLE.invokeExact(actions, arena.allocateFrom(workDir)),
                            "posix_spawn_file_actions_addchdir_np", program);
                }
                MemorySegment none = arena.allocate(SIGSET, 8);
                MemorySegment all = arena.allocate(SIGSET, 8);
                int unused = (int) SigemptysetFn.HANDLE.invokeExact(none);
                unused = (int) SigfillsetFn.HANDLE.invokeExact(all);
                checkError((int) SpawnattrSetsigmaskFn.HANDLE.invokeExact(attr, none), "posix_spawnattr_setsigmask", program);
                checkError((int) SpawnattrSetsigdefaultFn.HANDLE.invokeExact(attr, all), "posix_spawnattr_setsigdefault", program);
                checkError((int) SpawnattrSetflagsFn.HANDLE.invokeExact(attr, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)),
                        "posix_spawnattr_setflags", program);
                MemorySegment pid = arena.allocate(JAVA_INT);
                checkError((int) PosixSpawnFn.HANDLE.invokeExact(pid, arena.allocateFrom(program), actions, attr,
                        cStringArray(arena, argv), cStringArray(arena, env)), "posix_spawn", program);
                return pid.get(JAVA_INT, 0);
            } finally {
                int unused = (int) FileActionsDestroyFn.HANDLE.invokeExact(actions);
                unused = (int) SpawnattrDestroyFn.HANDLE.invokeExact(attr);
            }
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    /** For calls that return their error number instead of setting errno. */
    private static void checkError(int error, String call, String what) throws SyscallException {
        if (error != 0) {
            throw new SyscallException(call, what, new Errno(error));
        }
    }

    /** A NULL-terminated {@code char *[]}. */
    private static MemorySegment cStringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    @Override
    public Optional<ChildExit> waitAnyChild() throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment status = arena.allocate(JAVA_INT);
            while (true) {
                int pid = (int) WaitpidFn.HANDLE.invokeExact(errno, -1, status, 0);
                if (pid >= 0) {
                    return Optional.of(new ChildExit(pid, status.get(JAVA_INT, 0)));
                }
                int error = errno.get(JAVA_INT, 0);
                if (error == ECHILD) {
                    return Optional.empty();
                }
                if (error != Errno.EINTR.number()) {
                    throw new SyscallException("waitpid", null, new Errno(error));
                }
            }
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public void setChildSubreaper() throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int r = (int) PrctlFn.HANDLE.invokeExact(errno, PR_SET_CHILD_SUBREAPER, 1L);
            check(r, errno, "prctl", "PR_SET_CHILD_SUBREAPER");
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public void kill(int pid, int signal) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int r = (int) KillFn.HANDLE.invokeExact(errno, pid, signal);
            check(r, errno, "kill", "pid " + pid + " signal " + signal);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public void fadvise(int fd, long offset, long length, int advice) throws SyscallException {
        int error;
        try {
            error = (int) FadviseFn.HANDLE.invokeExact(fd, offset, length, advice);
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
        checkError(error, "posix_fadvise", "fd " + fd);
    }

    @Override
    public void flock(int fd, int operation) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            while (true) {
                int r = (int) FlockFn.HANDLE.invokeExact(errno, fd, operation);
                if (r == 0 || errno.get(JAVA_INT, 0) != Errno.EINTR.number()) {
                    check(r, errno, "flock", "fd " + fd);
                    return;
                }
            }
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public int listenUnix(RawPath path) throws SyscallException {
        if (path.length() >= SUN_PATH) {
            throw new SyscallException("bind", path.toString(), Errno.ENAMETOOLONG);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) SocketFn.HANDLE.invokeExact(errno, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            check(fd, errno, "socket", path);
            try {
                MemorySegment address = arena.allocate(2 + SUN_PATH);
                address.set(JAVA_SHORT, 0, (short) AF_UNIX);
                MemorySegment.copy(path.segment(), 0, address, 2, path.length());
                int r = (int) BindFn.HANDLE.invokeExact(errno, fd, address, 2 + SUN_PATH);
                check(r, errno, "bind", path);
                r = (int) ListenFn.HANDLE.invokeExact(errno, fd, 1);
                check(r, errno, "listen", path);
                return fd;
            } catch (Throwable t) {
                close(fd);
                throw t;
            }
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public int receiveFd(int listenFd) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int connection = (int) Accept4Fn.HANDLE.invokeExact(errno, listenFd, MemorySegment.NULL, MemorySegment.NULL, SOCK_CLOEXEC);
            check(connection, errno, "accept4", "fd " + listenFd);
            try {
                MemorySegment data = arena.allocate(4096);
                MemorySegment iov = arena.allocate(16, 8);
                iov.set(ADDRESS, 0, data);
                iov.set(JAVA_LONG, 8, data.byteSize());
                MemorySegment control = arena.allocate(64, 8);
                // struct msghdr: name, namelen, iov, iovlen, control, controllen, flags
                MemorySegment message = arena.allocate(56, 8);
                message.set(ADDRESS, 16, iov);
                message.set(JAVA_LONG, 24, 1);
                message.set(ADDRESS, 32, control);
                message.set(JAVA_LONG, 40, control.byteSize());
                long n = (long) RecvmsgFn.HANDLE.invokeExact(errno, connection, message, MSG_CMSG_CLOEXEC);
                check(n, errno, "recvmsg", "fd " + connection);
                long controlLength = message.get(JAVA_LONG, 40);
                // struct cmsghdr: len (8), level (4), type (4), then the descriptors
                if (controlLength >= 20 && control.get(JAVA_INT, 8) == SOL_SOCKET && control.get(JAVA_INT, 12) == SCM_RIGHTS) {
                    return control.get(JAVA_INT, 16);
                }
                return -1;
            } finally {
                close(connection);
            }
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public void setWindowSize(int fd, int rows, int columns) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment size = arena.allocate(8, 2); // struct winsize: rows, columns, x and y pixels
            size.set(JAVA_SHORT, 0, (short) rows);
            size.set(JAVA_SHORT, 2, (short) columns);
            int r = (int) IoctlFn.HANDLE.invokeExact(errno, fd, TIOCSWINSZ, size);
            check(r, errno, "ioctl TIOCSWINSZ", "fd " + fd);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public int poll(int[] fds, short[] events, short[] revents, int timeoutMillis) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment pollfds = arena.allocate((long) POLLFD_BYTES * fds.length, 4);
            for (int i = 0; i < fds.length; i++) {
                pollfds.set(JAVA_INT, (long) POLLFD_BYTES * i, fds[i]);
                pollfds.set(JAVA_SHORT, (long) POLLFD_BYTES * i + 4, events[i]);
            }
            int r = (int) PollFn.HANDLE.invokeExact(errno, pollfds, (long) fds.length, timeoutMillis);
            check(r, errno, "poll", "");
            for (int i = 0; i < fds.length; i++) {
                revents[i] = pollfds.get(JAVA_SHORT, (long) POLLFD_BYTES * i + 6);
            }
            return r;
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public int[] pipe() throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment ends = arena.allocate(JAVA_INT, 2);
            int r = (int) Pipe2Fn.HANDLE.invokeExact(errno, ends, Linux.O_CLOEXEC);
            check(r, errno, "pipe2", "");
            return new int[] {ends.getAtIndex(JAVA_INT, 0), ends.getAtIndex(JAVA_INT, 1)};
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public int inotifyWatch(RawPath path, int mask) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) InotifyInit1Fn.HANDLE.invokeExact(errno, IN_CLOEXEC_NONBLOCK);
            check(fd, errno, "inotify_init1", path);
            int wd = (int) InotifyAddWatchFn.HANDLE.invokeExact(errno, fd, nativeCopy(arena, path), mask);
            try {
                check(wd, errno, "inotify_add_watch", path);
            } catch (SyscallException e) {
                close(fd);
                throw e;
            }
            return fd;
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    @Override
    public int eventfd() throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int r = (int) EventfdFn.HANDLE.invokeExact(errno, 0, EFD_CLOEXEC);
            check(r, errno, "eventfd", "");
            return r;
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw DowncallFailure.of("native call", t);
        }
    }

    /** Critical calls capture errno into a Java array. */
    private static void check(long result, int[] errno, String call, Object path) throws SyscallException {
        if (result < 0) {
            throw new SyscallException(call, path.toString(), new Errno(errno[0]));
        }
    }

    /** Other calls capture errno into native memory. */
    private static void check(long result, MemorySegment errno, String call, Object path) throws SyscallException {
        if (result < 0) {
            throw new SyscallException(call, path.toString(), new Errno(errno.get(JAVA_INT, 0)));
        }
    }

    private static void checkId(long id, String what) {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException(what + " " + id + " out of range [0, " + MAX_ID + "]");
        }
    }

    private static MemorySegment xattrName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return MemorySegment.ofArray(Arrays.copyOf(bytes, bytes.length + 1));
    }

    /** The path's NUL-terminated bytes in native memory, for the calls not linked as critical. */
    private static MemorySegment nativeCopy(Arena arena, RawPath path) {
        MemorySegment copy = arena.allocate(path.length() + 1L);
        MemorySegment.copy(path.segment(), 0, copy, 0, path.length() + 1L);
        return copy;
    }

    private static MemorySegment cString(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }

    @SuppressWarnings("restricted") // this module is where native access lives
    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("glibc has no " + name + " (needs glibc 2.33+)"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

}
