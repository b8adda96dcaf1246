package io.jcontainerd.core.time;

import io.jcontainerd.core.errdefs.Errdefs;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's duration syntax ({@code time.ParseDuration}), as ctr's duration flags take it. */
public final class GoDuration {
    private static final Pattern TERM = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * Parses e.g. {@code 10s}, {@code 1m30s}, {@code 1.5h}, {@code -2ms} or {@code 0}.
     *
     * @throws IllegalArgumentException when Go would reject the text
     */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        Matcher m = TERM.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw invalid(text);
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)))));
            at = m.end();
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text);
        }
        long n = nanos.longValue(); // Go truncates fractions of a nanosecond
        return Duration.ofNanos(negative ? -n : n);
    }

    /** {@return {@code d} as Go's {@code Duration.String} prints it: {@code 0s}, {@code 100ms}, {@code 1.5s}, {@code 2m0s}, {@code 1h0m0s}} */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000L) {
            return sign + n + "ns";
        }
        if (n < 1_000_000L) {
            return sign + decimal(n, 1_000L) + "µs";
        }
        if (n < 1_000_000_000L) {
            return sign + decimal(n, 1_000_000L) + "ms";
        }
        StringBuilder out = new StringBuilder(sign);
        long hours = n / 3_600_000_000_000L;
        long minutes = n / 60_000_000_000L % 60;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(decimal(n % 60_000_000_000L, 1_000_000_000L)).append('s').toString();
    }

    /** {@code value / unit} with the fraction's trailing zeros dropped, as Go prints it. */
    private static String decimal(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + Errdefs.quote(text));
    }
}
