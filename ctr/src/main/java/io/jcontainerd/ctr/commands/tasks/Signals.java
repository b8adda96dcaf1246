package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.containers.ContainerFlags;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Linux signal names and numbers as moby's {@code signal.ParseSignal} reads them (ctr's {@code kill -s}). */
public final class Signals {
    public static final int SIGTERM = 15;
    public static final int SIGKILL = 9;
    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;
    private static final Map<String, Integer> BY_NAME = names();

    private Signals() {
    }

    private static Map<String, Integer> names() {
        Map<String, Integer> names = new HashMap<>(Map.ofEntries(
                Map.entry("ABRT", 6), Map.entry("ALRM", 14), Map.entry("BUS", 7), Map.entry("CHLD", 17),
                Map.entry("CLD", 17), Map.entry("CONT", 18), Map.entry("FPE", 8), Map.entry("HUP", 1),
                Map.entry("ILL", 4), Map.entry("INT", 2), Map.entry("IO", 29), Map.entry("IOT", 6),
                Map.entry("KILL", 9), Map.entry("PIPE", 13), Map.entry("POLL", 29), Map.entry("PROF", 27),
                Map.entry("PWR", 30), Map.entry("QUIT", 3), Map.entry("SEGV", 11), Map.entry("STKFLT", 16),
                Map.entry("STOP", 19), Map.entry("SYS", 31), Map.entry("TERM", 15), Map.entry("TRAP", 5),
                Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
                Map.entry("USR1", 10), Map.entry("USR2", 12), Map.entry("VTALRM", 26), Map.entry("WINCH", 28),
                Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("RTMIN", SIGRTMIN), Map.entry("RTMAX", SIGRTMAX)));
        for (int i = 1; i <= 15; i++) {
            names.put("RTMIN+" + i, SIGRTMIN + i);
            names.put("RTMAX-" + i, SIGRTMAX - i);
        }
        return Map.copyOf(names);
    }

    /** {@return the signal named ({@code KILL}, {@code SIGKILL}, {@code sigkill}) or numbered ({@code 9})} */
    public static int parse(String raw) {
        try {
            int number = Integer.parseInt(raw);
            if (number == 0) {
                throw new CommandException("invalid signal: " + raw);
            }
            return number;
        } catch (NumberFormatException e) {
            String name = raw.toUpperCase(Locale.ROOT);
            Integer number = BY_NAME.get(name.startsWith("SIG") ? name.substring(3) : name);
            if (number == null) {
                throw new CommandException("invalid signal: " + raw);
            }
            return number;
        }
    }

    /** {@return the container's stop signal (its label), else {@code fallback}, as containerd's {@code GetStopSignal}} */
    public static int stopSignal(Container container, int fallback) {
        String label = container.labels().getOrDefault(ContainerFlags.STOP_SIGNAL_LABEL, "");
        return label.isEmpty() ? fallback : parse(label);
    }
}
