package io.jcontainerd.daemon;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT start an orderly shutdown (sockets removed, database closed) and the daemon
 * exits 0, as containerd does; a JVM shutdown hook alone would exit 143 before we finish.
 */
final class SignalHandlers {
    private SignalHandlers() {
    }

    static void onTerminate(Runnable action) {
        Signal.handle(new Signal("TERM"), s -> action.run());
        Signal.handle(new Signal("INT"), s -> action.run());
    }
}
