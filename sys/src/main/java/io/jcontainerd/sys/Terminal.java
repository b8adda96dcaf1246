package io.jcontainerd.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The controlling terminal on one of this process's standard descriptors, as containerd's
 * {@code console.Current()}: raw mode ({@code cfmakeraw}, as {@code console.SetRaw}), its window
 * size ({@code TIOCGWINSZ}) and {@link #close} to put back the settings it had.
 */
public final class Terminal implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    /** glibc's {@code struct termios} is 60 bytes on x86_64. */
    private static final long TERMIOS_BYTES = 64;
    private static final int TCSANOW = 0;
    private static final long TIOCGWINSZ = 0x5413;

    private static final MethodHandle ISATTY = downcall("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle TCGETATTR = downcall("tcgetattr",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), ERRNO);
    private static final MethodHandle TCSETATTR = downcall("tcsetattr",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), ERRNO);
    private static final MethodHandle CFMAKERAW = downcall("cfmakeraw", FunctionDescriptor.ofVoid(ADDRESS));
    /** {@code ioctl} is variadic after the request. */
    private static final MethodHandle IOCTL = downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), ERRNO, Linker.Option.firstVariadicArg(2));

    /** A window size in character cells. */
    public record WindowSize(int columns, int rows) {
    }

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment saved = arena.allocate(TERMIOS_BYTES);
    private boolean changed;

    private Terminal(int fd) throws SyscallException {
        this.fd = fd;
        call("tcgetattr", fd, () -> (int) TCGETATTR.invokeExact(errno(), fd, saved));
    }

    /** {@return the terminal on stdin, stdout or stderr (the first that is one), if any} */
    public static Optional<Terminal> current() throws SyscallException {
        for (int fd = 0; fd <= 2; fd++) {
            if (isTerminal(fd)) {
                return Optional.of(new Terminal(fd));
            }
        }
        return Optional.empty();
    }

    /** {@return whether descriptor {@code fd} is a terminal} */
    public static boolean isTerminal(int fd) {
        try {
            return (int) ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw DowncallFailure.of("isatty", t);
        }
    }

    /** Puts the terminal in raw mode: no echo, no line editing, no signals from keys, 8-bit bytes as they come. */
    public void makeRaw() throws SyscallException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment raw = call.allocate(TERMIOS_BYTES);
            raw.copyFrom(saved);
            try {
                CFMAKERAW.invokeExact(raw);
            } catch (Throwable t) {
                throw DowncallFailure.of("cfmakeraw", t);
            }
            set(raw);
        }
        changed = true;
    }

    /** {@return the window size} */
    public WindowSize size() throws SyscallException {
        return windowSize(fd);
    }

    /** {@return the window size of the terminal on descriptor {@code fd}} */
    public static WindowSize windowSize(int fd) throws SyscallException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment winsize = call.allocate(8);
            call("ioctl(TIOCGWINSZ)", fd, () -> (int) IOCTL.invokeExact(errno(), fd, TIOCGWINSZ, winsize));
            // struct winsize: rows, columns, xpixel, ypixel as unsigned shorts
            return new WindowSize(Short.toUnsignedInt(winsize.get(JAVA_SHORT, 2)),
                    Short.toUnsignedInt(winsize.get(JAVA_SHORT, 0)));
        }
    }

    /** Restores the settings the terminal had when it was found. */
    @Override
    public void close() throws SyscallException {
        try {
            if (changed) {
                set(saved);
                changed = false;
            }
        } finally {
            arena.close();
        }
    }

    private void set(MemorySegment termios) throws SyscallException {
        call("tcsetattr", fd, () -> (int) TCSETATTR.invokeExact(errno(), fd, TCSANOW, termios));
    }

    /** One native call that returns -1 and sets errno on failure. */
    private interface NativeCall {
        int invoke() throws Throwable;
    }

    private static final ThreadLocal<MemorySegment> ERRNO_STATE = ThreadLocal.withInitial(
            () -> Arena.global().allocate(Linker.Option.captureStateLayout()));

    private static MemorySegment errno() {
        return ERRNO_STATE.get();
    }

    private static void call(String name, int fd, NativeCall call) throws SyscallException {
        int result;
        try {
            result = call.invoke();
        } catch (Throwable t) {
            throw DowncallFailure.of(name, t);
        }
        if (result < 0) {
            throw new SyscallException(name, "fd " + fd, new Errno(errno().get(JAVA_INT, 0)));
        }
    }

    @SuppressWarnings("restricted") // this module is where native access lives
    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }
}
