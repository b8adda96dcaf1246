package io.jcontainerd.plugins.snapshots.fs;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The few libc calls the snapshotters need that java.nio lacks: raw directory entries with their
 * {@code d_type} ({@code getdents64}), {@code statx} for {@code stx_blocks}, {@code mknodat} for
 * device nodes and fifos, and {@code utimensat} that does not open what it stamps. They work on raw byte names, so names that are not valid in the
 * JVM's encoding still resolve. Move to the {@code sys} module's FFM seam once it exists.
 */
@SuppressWarnings("restricted") // FFM downcalls into libc are this class's purpose
final class Libc {
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** STATX_TYPE | STATX_MODE | STATX_INO | STATX_BLOCKS (linux/stat.h). */
    static final int STATX_BASIC = 0x1 | 0x2 | 0x100 | 0x400;
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int DT_UNKNOWN = 0;

    /** O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC; arm64 numbers the first two differently (asm/fcntl.h). */
    static final int O_DIRECTORY_NOFOLLOW = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> 0200000 | 0400000 | 02000000;
        case "aarch64" -> 040000 | 0100000 | 02000000;
        default -> throw new ExceptionInInitializerError("no open flags for " + System.getProperty("os.arch"));
    };

    /** struct statx (linux/stat.h): its layout is the same on every architecture. */
    static final long STATX_SIZE = 256;
    static final long STX_MODE = 28;
    static final long STX_INO = 32;
    static final long STX_BLOCKS = 48;
    static final long STX_DEV_MAJOR = 136;
    static final long STX_DEV_MINOR = 140;

    /** struct linux_dirent64: d_ino, d_off, d_reclen, d_type, then the NUL-terminated name. */
    static final long D_RECLEN = 16;
    static final long D_TYPE = 18;
    static final long D_NAME = 19;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(StructLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPENAT = handle("openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO_OPTION,
            Linker.Option.firstVariadicArg(3));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETDENTS64 = handle("getdents64",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO_OPTION);
    private static final MethodHandle STATX = handle("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), ERRNO_OPTION);
    private static final MethodHandle MKNODAT = handle("mknodat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG), ERRNO_OPTION);
    private static final MethodHandle UTIMENSAT = handle("utimensat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle STRERROR = handle("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new ExceptionInInitializerError("libc has no " + name));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    /** Scratch memory for calls: the errno capture and a statx buffer, reused by one thread. */
    static final class Scratch implements AutoCloseable {
        final Arena arena = Arena.ofConfined();
        final MemorySegment errno = arena.allocate(CAPTURE);
        final MemorySegment statx = arena.allocate(STATX_SIZE, 8);

        @Override
        public void close() {
            arena.close();
        }
    }

    /** {@code openat(dirfd, name, O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC)}: a descriptor of the directory {@code name}. */
    static int openDirectory(Scratch s, int dirfd, MemorySegment name, String shown) throws IOException {
        int fd = (int) invoke(() -> (int) OPENAT.invokeExact(s.errno, dirfd, name, O_DIRECTORY_NOFOLLOW, 0));
        if (fd < 0) {
            throw failure("open", shown, s);
        }
        return fd;
    }

    static void close(int fd) {
        invoke(() -> (int) CLOSE.invokeExact(fd));
    }

    /** Fills {@code buf} with directory entries; {@return the bytes filled, 0 at the end} */
    static long getdents(Scratch s, int fd, MemorySegment buf, String shown) throws IOException {
        long n = (long) invoke(() -> (long) GETDENTS64.invokeExact(s.errno, fd, buf, buf.byteSize()));
        if (n < 0) {
            throw failure("getdents", shown, s);
        }
        return n;
    }

    /** {@code statx} of {@code name} relative to {@code dirfd}, not following a final symlink, into {@code s.statx}. */
    static void lstat(Scratch s, int dirfd, MemorySegment name, String shown) throws IOException {
        int rc = (int) invoke(() -> (int) STATX.invokeExact(s.errno, dirfd, name, AT_SYMLINK_NOFOLLOW,
                STATX_BASIC, s.statx));
        if (rc != 0) {
            throw failure("lstat", shown, s);
        }
    }

    /** {@code mknodat(AT_FDCWD, path, mode, dev)}: a device node, fifo or socket. */
    static void mknod(Scratch s, Path path, int mode, long dev) throws IOException {
        MemorySegment name = nativePath(s, path);
        int rc = (int) invoke(() -> (int) MKNODAT.invokeExact(s.errno, AT_FDCWD, name, mode, dev));
        if (rc != 0) {
            throw failure("mknod", path.toString(), s);
        }
    }

    /** {@code utimensat(AT_FDCWD, path, {atime, mtime}, AT_SYMLINK_NOFOLLOW)}: never opens the file, so safe on fifos. */
    static void setTimes(Scratch s, Path path, Instant atime, Instant mtime) throws IOException {
        MemorySegment name = nativePath(s, path);
        MemorySegment times = s.arena.allocate(JAVA_LONG, 4); // struct timespec[2]
        times.setAtIndex(JAVA_LONG, 0, atime.getEpochSecond());
        times.setAtIndex(JAVA_LONG, 1, atime.getNano());
        times.setAtIndex(JAVA_LONG, 2, mtime.getEpochSecond());
        times.setAtIndex(JAVA_LONG, 3, mtime.getNano());
        int rc = (int) invoke(() -> (int) UTIMENSAT.invokeExact(s.errno, AT_FDCWD, name, times, AT_SYMLINK_NOFOLLOW));
        if (rc != 0) {
            throw failure("utimensat", path.toString(), s);
        }
    }

    /**
     * {@return {@code path}'s bytes as the kernel knows them, NUL-terminated}. Taken from the URI
     * form, which percent-escapes the raw bytes, because {@link Path#toString()} loses those that
     * are not valid in the JVM's encoding.
     */
    static MemorySegment nativePath(Scratch s, Path path) {
        String raw = path.toAbsolutePath().toUri().getRawPath();
        if (raw.length() > 1 && raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1); // added for directories; it would follow a final symlink
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length() + 1);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c); // URIs escape everything outside ASCII
            }
        }
        bytes.write(0);
        return s.arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes.toByteArray());
    }

    private static IOException failure(String op, String path, Scratch s) {
        int errno = (int) ERRNO.get(s.errno, 0L);
        MemorySegment text = (MemorySegment) invoke(() -> (MemorySegment) STRERROR.invokeExact(errno));
        return new IOException(op + " " + path + ": " + text.reinterpret(1024).getString(0));
    }

    @FunctionalInterface
    private interface Call {
        Object call() throws Throwable;
    }

    private static Object invoke(Call call) {
        try {
            return call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
