package io.jcontainerd.ctr.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/** docker/go-units' {@code HumanSize} and {@code HumanDuration}, as ctr prints sizes and ages. */
public final class GoUnits {
    private static final String[] DECIMAL_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    /** {@code %.4g}: four significant digits, rounded half to even on the exact binary value as Go does. */
    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

    private GoUnits() {
    }

    /** {@return e.g. "13B", "1.049MB"} */
    public static String humanSize(long bytes) {
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < DECIMAL_UNITS.length - 1) {
            size /= 1000;
            unit++;
        }
        // sizes stay below 1000 (or are whole bytes), so %.4g never needs an exponent here
        String number = new BigDecimal(size).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
        return number + DECIMAL_UNITS[unit];
    }

    /** {@return e.g. "Less than a second", "5 seconds", "About a minute", "3 days"} */
    public static String humanDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = (long) (d.toNanos() / 3.6e12 + 0.5);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }
}
