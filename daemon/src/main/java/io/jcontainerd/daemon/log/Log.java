package io.jcontainerd.daemon.log;

import io.jcontainerd.core.errdefs.Errdefs;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * logfmt lines on stderr, shaped like containerd's:
 * {@code time="2026-01-02T03:04:05.123456789Z" level=info msg="…" key=value}.
 * Deliberately tiny: no logging framework to load at startup.
 */
public final class Log {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX").withZone(ZoneOffset.UTC);
    private static volatile Level threshold = Level.INFO;
    private static volatile PrintStream out = System.err;

    private Log() {
    }

    public static void setLevel(Level level) {
        threshold = level;
    }

    public static boolean enabled(Level level) {
        return level.ordinal() >= threshold.ordinal();
    }

    public static void trace(String msg, Object... kv) {
        log(Level.TRACE, msg, kv);
    }

    public static void debug(String msg, Object... kv) {
        log(Level.DEBUG, msg, kv);
    }

    public static void info(String msg, Object... kv) {
        log(Level.INFO, msg, kv);
    }

    public static void warn(String msg, Object... kv) {
        log(Level.WARN, msg, kv);
    }

    public static void error(String msg, Object... kv) {
        log(Level.ERROR, msg, kv);
    }

    /** Writes one line; {@code kv} alternates keys and values. */
    public static void log(Level level, String msg, Object... kv) {
        if (!enabled(level)) {
            return;
        }
        out.print(format(Instant.now(), level, msg, kv));
    }

    static String format(Instant time, Level level, String msg, Object... kv) {
        StringBuilder b = new StringBuilder(128);
        b.append("time=\"").append(TIME.format(time)).append("\" level=").append(level.text())
                .append(" msg=").append(value(msg));
        for (int i = 0; i + 1 < kv.length; i += 2) {
            b.append(' ').append(kv[i]).append('=').append(value(String.valueOf(kv[i + 1])));
        }
        return b.append('\n').toString();
    }

    /** Quotes a value only when logfmt needs it (spaces, quotes, '=', control characters, empty). */
    static String value(String s) {
        boolean plain = !s.isEmpty();
        for (int i = 0; plain && i < s.length(); i++) {
            char c = s.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c < 0x7f;
        }
        if (plain) {
            return s;
        }
        return Errdefs.quote(s);
    }
}
