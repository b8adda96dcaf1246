package io.jcontainerd.image;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sizes as {@code ctr} prints them (its {@code progress.Bytes}: go-units' CustomSize with
 * {@code "%02.1f %s"}, base 1024): "612.0 B", "20.2 KiB", "1009.2 KiB".
 */
public final class HumanBytes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private HumanBytes() {
    }

    public static String format(long bytes) {
        double size = bytes;
        int unit = 0;
        while (size >= 1024.0 && unit < UNITS.length - 1) {
            size /= 1024.0;
            unit++;
        }
        // Go rounds the exact binary value half to even; String.format would round half up
        String number = new BigDecimal(size).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        return number + " " + UNITS[unit];
    }
}
