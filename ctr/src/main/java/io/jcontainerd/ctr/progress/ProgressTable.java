package io.jcontainerd.ctr.progress;

import io.jcontainerd.ctr.text.TabWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/**
 * Renders statuses as ctr's {@code content.Display} does: one tab-aligned line per status (name,
 * state, a 40-column bar in green {@code +} and {@code -}, and bytes for transfers under way), then
 * {@code elapsed: 1.2 s total: 3.4 Mi (2.8 MiB/s)}. The total is truncated to six characters as
 * ctr's {@code %7.6v} does.
 */
public final class ProgressTable {
    private static final String GREEN = "\u001b[32m";
    private static final String RESET = "\u001b[0m";
    private static final int BAR_WIDTH = 40;
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private ProgressTable() {
    }

    /** {@return the table for {@code statuses}, {@code elapsed} after the start} */
    public static String render(List<ProgressStatus> statuses, Duration elapsed) {
        StringBuilder out = new StringBuilder();
        TabWriter tw = new TabWriter(out, 1, 8, 1, ' ');
        long total = 0;
        for (ProgressStatus status : statuses) {
            total += status.offset();
            String name = status.ref() + ":\t" + status.state().word() + "\t";
            if (status.state().moving()) {
                double fraction = status.total() > 0 ? (double) status.offset() / status.total() : 0;
                tw.print(name + bar(fraction) + "\t" + leftPad(truncate(bytes(status.offset()), 8), 8) + "/"
                        + bytes(status.total()) + "\t\n");
            } else {
                tw.print(name + bar(status.state().pending() ? 0 : 1) + "\t\n");
            }
        }
        double seconds = elapsed.toNanos() / 1e9;
        tw.print("elapsed: " + rightPad(fixed(seconds), 4) + "s\ttotal: " + leftPad(truncate(bytes(total), 6), 7)
                + "\t(" + bytes(seconds > 0 ? (long) (total / seconds) : 0) + "/s)\t\n");
        tw.flush();
        return out.toString();
    }

    /** ctr's {@code progress.Bar} at width 40: pipes around green pluses for the done part and minuses for the rest. */
    static String bar(double fraction) {
        double f = Math.clamp(fraction, 0.0, 1.0);
        int inner = BAR_WIDTH - 2;
        int positive = (int) (inner * f);
        return "|" + GREEN + "+".repeat(positive) + RESET + "-".repeat(inner - positive) + "|";
    }

    /** go-units {@code CustomSize("%02.1f %s", n, 1024, binary units)}, as ctr's {@code progress.Bytes}. */
    static String bytes(long n) {
        double size = n;
        int unit = 0;
        while (size >= 1024 && unit < UNITS.length - 1) {
            size /= 1024;
            unit++;
        }
        return leftZeroPad(fixed(size), 2) + " " + UNITS[unit];
    }

    /** Go's {@code %.1f}: the exact binary value rounded half to even. */
    private static String fixed(double value) {
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String leftPad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static String leftZeroPad(String s, int width) {
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static String rightPad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
