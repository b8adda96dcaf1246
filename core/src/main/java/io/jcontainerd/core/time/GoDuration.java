package io.jcontainerd.core.time;

import io.jcontainerd.core.errdefs.Errdefs;
import java.time.Duration;

/**
 * Go's duration syntax ({@code time.ParseDuration}), as ctr's duration flags take it. Parsed the
 * way Go parses it, in long arithmetic: jctr converts its duration flags' defaults on every start,
 * and BigDecimal's first use there (its and BigInteger's class setup, interpreted) was a quarter
 * of jctr's command-line parsing time.
 */
public final class GoDuration {
    private GoDuration() {
    }

    /**
     * Parses e.g. {@code 10s}, {@code 1m30s}, {@code 1.5h}, {@code -2ms} or {@code 0}.
     *
     * @throws IllegalArgumentException when Go would reject the text
     */
    public static Duration parse(String text) {
        int at = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            at = 1;
        }
        if (text.length() - at == 1 && text.charAt(at) == '0') {
            return Duration.ZERO;
        }
        if (at == text.length()) {
            throw invalid(text);
        }
        long total = 0;
        try {
            while (at < text.length()) {
                Term term = Term.read(text, at);
                at = term.end();
                total = Math.addExact(total, term.nanos());
            }
        } catch (ArithmeticException overflow) {
            throw invalid(text);
        }
        return Duration.ofNanos(negative ? -total : total);
    }

    /**
     * One {@code <number><unit>} of a duration, read from {@code start}; {@code end} is where the next begins.
     *
     * @throws ArithmeticException when its nanoseconds overflow a long
     */
    private record Term(long nanos, int end) {
        static Term read(String text, int start) {
            int at = start;
            long whole = 0;
            for (; at < text.length() && isDigit(text.charAt(at)); at++) {
                whole = Math.addExact(Math.multiplyExact(whole, 10), text.charAt(at) - '0');
            }
            boolean hasWhole = at > start;
            long fraction = 0;
            double scale = 1;
            boolean hasFraction = false;
            if (at < text.length() && text.charAt(at) == '.') {
                int fractionStart = ++at;
                boolean saturated = false;
                for (; at < text.length() && isDigit(text.charAt(at)); at++) {
                    // as Go: digits past a long's precision are read and ignored
                    if (!saturated && fraction > (Long.MAX_VALUE - 9) / 10) {
                        saturated = true;
                    }
                    if (!saturated) {
                        fraction = fraction * 10 + (text.charAt(at) - '0');
                        scale *= 10;
                    }
                }
                hasFraction = at > fractionStart;
            }
            if (!hasWhole && !hasFraction) {
                throw invalid(text);
            }
            int unitStart = at;
            while (at < text.length() && text.charAt(at) != '.' && !isDigit(text.charAt(at))) {
                at++;
            }
            long unit = nanosPer(text.substring(unitStart, at));
            if (unit == 0) {
                throw invalid(text);
            }
            long nanos = Math.multiplyExact(whole, unit);
            if (fraction > 0) {
                // Go's float arithmetic: fractions of a nanosecond are truncated
                nanos = Math.addExact(nanos, (long) (fraction * (unit / scale)));
            }
            return new Term(nanos, at);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** {@return the nanoseconds in one {@code unit}, or 0 for a missing or unknown unit} */
        private static long nanosPer(String unit) {
            return switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 0L;
            };
        }
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

    /** {@code value / unit} (a power of ten) with the fraction's trailing zeros dropped, as Go prints it. */
    private static String decimal(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + rest).substring(1); // the fraction, zero-padded
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(0, end);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + Errdefs.quote(text));
    }
}
