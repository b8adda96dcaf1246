package io.jcontainerd.ctr.progress;

import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Terminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The width of the terminal on stdin ({@code ioctl(0, TIOCGWINSZ)}), which is where ctr's progress
 * writer looks to decide whether to redraw in place.
 */
public final class StdinTerminal {
    private StdinTerminal() {
    }

    /** {@return the columns of the terminal on fd 0; empty when it is not a terminal} */
    public static OptionalInt width() {
        if (!maybeTerminal()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Terminal.windowSize(0).columns());
        } catch (SyscallException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Whether fd 0 can be a terminal, asked without a syscall: a pipe, a socket, a file or
     * {@code /dev/null} (scripts, the benchmark) is not; any other device is left to the ioctl,
     * whose native binding costs a short command a noticeable part of its run.
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
