package io.jcontainerd.ctr.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's time formatting as ctr uses it. */
public final class GoTime {
    /** Go's {@code time.RFC3339}: whole seconds, {@code Z} for a zero offset, else {@code ±hh:mm}. */
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UTC_SECONDS_T = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    /** {@return {@code t} in {@code zone} as {@code t.In(zone).Format(time.RFC3339)} prints it} */
    public static String rfc3339(Instant t, ZoneId zone) {
        return RFC3339.format(t.atZone(zone));
    }

    /**
     * {@return {@code t} as Go's {@code time.Time.String()} prints a UTC time (what a decoded protobuf
     * timestamp is): {@code 2006-01-02 15:04:05.999999999 +0000 UTC}, trailing zeros of the fraction dropped}
     */
    public static String utcString(Instant t) {
        return UTC_SECONDS.format(t) + fraction(t) + " +0000 UTC";
    }

    /** {@return {@code t} in UTC as Go's {@code time.RFC3339Nano}, which is how {@code encoding/json} writes a time} */
    public static String rfc3339NanoUtc(Instant t) {
        return UTC_SECONDS_T.format(t) + fraction(t) + "Z";
    }

    /** Go's {@code .999999999} layout element: the nanoseconds without trailing zeros, nothing for none. */
    private static String fraction(Instant t) {
        if (t.getNano() == 0) {
            return "";
        }
        String digits = String.format("%09d", t.getNano());
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }

    /** Go's {@code time.Duration.String}: {@code 1h2m3.5s}, {@code 1.5s}, {@code 250ms}, {@code 12.3µs}, {@code 0s}. */
    public static String duration(Duration d) {
        long ns = d.toNanos();
        if (ns == 0) {
            return "0s";
        }
        String sign = ns < 0 ? "-" : "";
        long u = Math.abs(ns);
        if (u < 1_000) {
            return sign + u + "ns";
        }
        if (u < 1_000_000) {
            return sign + fraction(u, 3) + "µs";
        }
        if (u < 1_000_000_000) {
            return sign + fraction(u, 6) + "ms";
        }
        String seconds = fraction(u % 60_000_000_000L, 9) + "s";
        long minutes = u / 60_000_000_000L;
        if (minutes == 0) {
            return sign + seconds;
        }
        long hours = minutes / 60;
        String m = (minutes % 60) + "m" + seconds;
        return sign + (hours == 0 ? m : hours + "h" + m);
    }

    /** {@code v} with its last {@code digits} digits as a fraction, trailing zeros (and a bare point) dropped. */
    private static String fraction(long v, int digits) {
        long scale = (long) Math.pow(10, digits);
        String frac = String.format("%0" + digits + "d", v % scale).replaceAll("0+$", "");
        return (v / scale) + (frac.isEmpty() ? "" : "." + frac);
    }
}
