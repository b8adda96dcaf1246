package io.jcontainerd.ctr.commands.tasks;

/** What an attached client relays to its process while it runs: our signals, or our terminal's size. */
sealed interface Relay extends AutoCloseable permits SignalForwarder, TerminalResizer {
    /** Stops relaying. */
    @Override
    void close();
}
