package io.jcontainerd.daemon.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** {@code [timeouts]}: named timeouts in Go duration syntax, with containerd's defaults. */
public final class Timeouts {
    private Timeouts() {
    }

    public static Map<String, String> defaults() {
        Map<String, String> t = new TreeMap<>();
        t.put("io.containerd.timeout.bolt.open", "0s");
        t.put("io.containerd.timeout.shim.cleanup", "5s");
        t.put("io.containerd.timeout.shim.load", "5s");
        t.put("io.containerd.timeout.shim.shutdown", "3s");
        t.put("io.containerd.timeout.task.state", "2s");
        return t;
    }

    /** Parses Go's duration syntax ("1h2m3.5s", "100ms", "0"). */
    public static Duration parseDuration(String text) {
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration " + TomlWriter.quote(text));
        }
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("invalid duration " + TomlWriter.quote(text));
            }
            double number = Double.parseDouble(s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException("invalid duration " + TomlWriter.quote(text)
                        + ": unknown or missing unit");
            };
            nanos += Math.round(number * unit);
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }
}
