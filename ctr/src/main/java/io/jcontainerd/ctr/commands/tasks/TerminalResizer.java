package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.ctr.text.LogfmtLogger;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Terminal;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Keeps a process's pty the size of our terminal, as ctr's {@code HandleConsoleResize}: once at
 * the start and again on every SIGWINCH. Closing stops following.
 */
final class TerminalResizer implements Relay {
    private static final Signal SIGWINCH = new Signal("WINCH");
    private final SignalHandler previous;

    private TerminalResizer(SignalHandler previous) {
        this.previous = previous;
    }

    static TerminalResizer start(Terminal terminal, TaskProcess process, LogfmtLogger log) {
        resize(terminal, process, log);
        return new TerminalResizer(Signal.handle(SIGWINCH, signal -> resize(terminal, process, log)));
    }

    /** Sizes the process's pty as our terminal once; failures are logged, as ctr does. */
    static void resize(Terminal terminal, TaskProcess process, LogfmtLogger log) {
        Terminal.WindowSize size;
        try {
            size = terminal.size();
        } catch (SyscallException e) {
            log.error("get pty size", Map.of("error", e.getMessage()));
            return;
        }
        try {
            process.resize(size.columns(), size.rows());
        } catch (ErrdefsException e) {
            log.error("resize pty", Map.of("error", e.getMessage()));
        }
    }

    @Override
    public void close() {
        Signal.handle(SIGWINCH, previous);
    }
}
