package io.jcontainerd.ctr.progress;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The width of the terminal on stdin ({@code ioctl(0, TIOCGWINSZ)}), which is where ctr's progress
 * writer looks to decide whether to redraw in place.
 */
public final class StdinTerminal {
    private static final long TIOCGWINSZ = 0x5413;

    /** Linked on first use: linking a downcall costs a short command a noticeable part of its run. */
    private static final class Ioctl {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("ioctl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    }

    private StdinTerminal() {
    }

    /** {@return the columns of the terminal on fd 0; empty when it is not a terminal} */
    public static OptionalInt width() {
        if (!maybeTerminal()) {
            return OptionalInt.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            // struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }
            MemorySegment size = arena.allocate(8);
            int rc = (int) Ioctl.HANDLE.invokeExact(0, TIOCGWINSZ, size);
            return rc == 0 ? OptionalInt.of(Short.toUnsignedInt(size.get(JAVA_SHORT, 2))) : OptionalInt.empty();
        } catch (Throwable e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Whether fd 0 can be a terminal, asked without a syscall binding: a pipe, a socket, a file or
     * {@code /dev/null} (scripts, the benchmark) is not; any other device is left to the ioctl.
     */
    private static boolean maybeTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/") && !target.equals("/dev/null");
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }
}
