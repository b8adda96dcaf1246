package io.jcontainerd.plugins.content.local;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Durations and times printed as Go's {@code %s} prints them, for messages clients may parse. */
final class GoFormat {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("xx z");

    private GoFormat() {
    }

    /** {@return {@code d} as Go's {@code time.Duration.String}: "0s", "850ns", "1.5ms", "2m3.25s", "1h0m0s"} */
    static String duration(Duration d) {
        long nanos = d.toNanos();
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos);
        if (u == 0) {
            return "0s";
        }
        if (u < 1_000) {
            return sign + u + "ns";
        }
        if (u < 1_000_000) {
            return sign + u / 1_000 + fraction(u % 1_000, 3) + "µs";
        }
        if (u < 1_000_000_000) {
            return sign + u / 1_000_000 + fraction(u % 1_000_000, 6) + "ms";
        }
        long seconds = u / 1_000_000_000;
        String out = seconds % 60 + fraction(u % 1_000_000_000, 9) + "s";
        long minutes = seconds / 60;
        if (minutes > 0) {
            out = minutes % 60 + "m" + out;
            long hours = minutes / 60;
            if (hours > 0) {
                out = hours + "h" + out;
            }
        }
        return sign + out;
    }

    /** {@return {@code t} in the local zone as Go's {@code time.Time.String}, without the monotonic reading} */
    static String time(Instant t) {
        ZonedDateTime z = t.atZone(ZoneId.systemDefault());
        return SECONDS.format(z) + fraction(z.getNano(), 9) + " " + ZONE.format(z);
    }

    /** {@code value} as {@code digits} decimals with trailing zeros dropped; no point when it is 0. */
    private static String fraction(long value, int digits) {
        if (value == 0) {
            return "";
        }
        String padded = String.format("%0" + digits + "d", value);
        int end = padded.length();
        while (padded.charAt(end - 1) == '0') {
            end--;
        }
        return "." + padded.substring(0, end);
    }
}
