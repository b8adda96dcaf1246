package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.ctr.text.LogfmtLogger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Forwards the signals this process receives to a task's process, as ctr's
 * {@code ForwardAllSignals}: every signal the JVM lets a program catch (not the ones it keeps for
 * itself, such as SIGQUIT), except SIGURG; once the process is gone, forwarding stops. Closing
 * puts the previous handlers back.
 */
final class SignalForwarder implements Relay {
    /** Catchable signals by Java name; the JVM refuses some of them, which are then not forwarded. */
    private static final List<String> CATCHABLE = List.of("HUP", "INT", "QUIT", "USR1", "USR2", "PIPE", "ALRM", "TERM",
            "STKFLT", "CHLD", "CONT", "TSTP", "TTIN", "TTOU", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile boolean gone;

    private SignalForwarder() {
    }

    /** Starts forwarding to {@code process}; {@code log} reports failures as ctr does. */
    static SignalForwarder forward(TaskProcess process, LogfmtLogger log) {
        SignalForwarder forwarder = new SignalForwarder();
        SignalHandler handler = signal -> forwarder.deliver(process, signal, log);
        for (String name : CATCHABLE) {
            Signal signal = new Signal(name);
            try {
                forwarder.previous.add(Signal.handle(signal, handler));
                forwarder.signals.add(signal);
            } catch (IllegalArgumentException e) {
                // used by the JVM (or the OS refuses it): this one cannot be forwarded
            }
        }
        return forwarder;
    }

    private void deliver(TaskProcess process, Signal signal, LogfmtLogger log) {
        if (gone) {
            return;
        }
        log.debug("forwarding signal SIG" + signal.getName(), Map.of());
        try {
            process.kill(signal.getNumber(), false);
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                gone = true;
                log.debug("Not forwarding signal SIG" + signal.getName(), Map.of("error", e.getMessage()));
                return;
            }
            log.error("forward signal SIG" + signal.getName(), Map.of("error", e.getMessage()));
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
