package io.jcontainerd.daemon.log;

import java.util.Locale;

/** Log levels with containerd's (logrus) names. */
public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL, PANIC;

    /** {@return the name logrus prints: "warning" for WARN} */
    public String text() {
        return this == WARN ? "warning" : name().toLowerCase(Locale.ROOT);
    }

    public static Level parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "trace" -> TRACE;
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn", "warning" -> WARN;
            case "error" -> ERROR;
            case "fatal" -> FATAL;
            case "panic" -> PANIC;
            default -> throw new IllegalArgumentException("not a valid log level: " + s
                    + " (trace, debug, info, warn, error, fatal, panic)");
        };
    }
}
