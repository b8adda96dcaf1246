package io.jcontainerd.ctr.text;

import io.jcontainerd.core.errdefs.Errdefs;
import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Log lines as ctr's logrus prints them when stderr is not a terminal:
 * {@code time="2023-01-02T15:04:05Z" level=error msg="unable to delete x" error="..."}, fields
 * sorted by key, values quoted only when logrus would.
 */
public final class LogfmtLogger {
    /** Go's RFC 3339 layout, seconds only: logrus' default. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** The levels jctr logs at, least severe first ({@code warning} is logrus' word). */
    public enum Level {
        DEBUG, INFO, WARNING, ERROR;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final PrintStream out;
    private final Level threshold;

    public LogfmtLogger(PrintStream out, Level threshold) {
        this.out = out;
        this.threshold = threshold;
    }

    public void debug(String msg, Map<String, String> fields) {
        log(Level.DEBUG, msg, fields);
    }

    public void info(String msg, Map<String, String> fields) {
        log(Level.INFO, msg, fields);
    }

    public void warn(String msg, Map<String, String> fields) {
        log(Level.WARNING, msg, fields);
    }

    public void error(String msg, Map<String, String> fields) {
        log(Level.ERROR, msg, fields);
    }

    /** {@return whether lines of {@code level} are written} */
    public boolean isEnabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public void log(Level level, String msg, Map<String, String> fields) {
        if (!isEnabled(level)) {
            return;
        }
        StringBuilder b = new StringBuilder()
                .append("time=").append(value(ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(TIME)))
                .append(" level=").append(level.text())
                .append(" msg=").append(value(msg));
        new TreeMap<>(fields).forEach((k, v) -> b.append(' ').append(k).append('=').append(value(v)));
        out.println(b);
    }

    /** logrus quotes any value with characters outside {@code [A-Za-z0-9-._/@^+]}. */
    static String value(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._/@^+".indexOf(c) >= 0;
            if (!plain) {
                return Errdefs.quote(s);
            }
        }
        return s;
    }
}
