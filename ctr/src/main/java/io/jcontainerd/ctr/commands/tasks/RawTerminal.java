package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.sys.Terminal;
import java.io.IOException;

/** ctr's {@code console.Current()} then {@code SetRaw()}, for a process with a terminal; closing restores the terminal. */
public final class RawTerminal {
    private RawTerminal() {
    }

    /** {@return our terminal in raw mode when {@code tty}, else null} */
    public static Terminal openIf(boolean tty) throws IOException {
        if (!tty) {
            return null;
        }
        Terminal terminal = Terminal.current()
                .orElseThrow(() -> new CommandException("provided file is not a console"));
        try {
            terminal.makeRaw();
        } catch (IOException e) {
            terminal.close();
            throw e;
        }
        return terminal;
    }

    /** Restores a terminal {@link #openIf} returned; null is nothing to restore. */
    public static void restore(Terminal terminal) throws IOException {
        if (terminal != null) {
            terminal.close();
        }
    }
}
