package io.jcontainerd.core.filters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 the way Go sees it. containerd scans filter strings byte by byte, so positions in its
 * error messages are byte offsets and a bad sequence decodes to {@code U+FFFD} one byte at a time;
 * these helpers let the scanner work on the same bytes.
 */
final class Utf8 {
    /** Go's {@code utf8.RuneError}. */
    static final int RUNE_ERROR = 0xFFFD;
    static final int MAX_RUNE = 0x10FFFF;

    private Utf8() {
    }

    /**
     * Encodes {@code s} as UTF-8, except that an unpaired surrogate is written as its 3-byte
     * (WTF-8) form instead of {@code ?}, so that it stays invalid and the scanner reports it as
     * Go would report a malformed byte.
     */
    static byte[] encode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            writeRaw(out, cp);
        }
        return out.toByteArray();
    }

    /** Appends Go's {@code utf8.EncodeRune(r)}: invalid runes (surrogates, out of range) become U+FFFD. */
    static void appendRune(ByteArrayOutputStream out, int r) {
        if (r < 0 || r > MAX_RUNE || (r >= 0xD800 && r <= 0xDFFF)) {
            r = RUNE_ERROR;
        }
        writeRaw(out, r);
    }

    private static void writeRaw(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | (cp >> 6));
            out.write(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out.write(0xE0 | (cp >> 12));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        } else {
            out.write(0xF0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3F));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        }
    }

    /**
     * Go's {@code utf8.DecodeRune(b[i:])}: returns the rune in the low 32 bits and its width in
     * the high 32 bits. An invalid or truncated sequence yields {@code (RuneError, 1)}; an empty
     * input yields {@code (RuneError, 0)}.
     */
    static long decode(byte[] b, int i) {
        if (i >= b.length) {
            return pack(RUNE_ERROR, 0);
        }
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return pack(b0, 1);
        }
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return pack(RUNE_ERROR, 1);
        }
        if (i + n > b.length) {
            return pack(RUNE_ERROR, 1);
        }
        int b1 = b[i + 1] & 0xFF;
        if (b1 < lo || b1 > hi) {
            return pack(RUNE_ERROR, 1);
        }
        int r = n == 2 ? b0 & 0x1F : n == 3 ? b0 & 0x0F : b0 & 0x07;
        r = (r << 6) | (b1 & 0x3F);
        for (int k = 2; k < n; k++) {
            int bk = b[i + k] & 0xFF;
            if (bk < 0x80 || bk > 0xBF) {
                return pack(RUNE_ERROR, 1);
            }
            r = (r << 6) | (bk & 0x3F);
        }
        return pack(r, n);
    }

    static int rune(long decoded) {
        return (int) decoded;
    }

    static int width(long decoded) {
        return (int) (decoded >>> 32);
    }

    private static long pack(int rune, int width) {
        return ((long) width << 32) | (rune & 0xFFFFFFFFL);
    }

    /** Decodes {@code b[from:to]}; malformed bytes become U+FFFD, as a UTF-8 reader of Go's output would see them. */
    static String string(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** Go's {@code string(rune(r))}: a code point, or U+FFFD when {@code r} is not a valid rune. */
    static String runeString(int r) {
        if (r < 0 || r > MAX_RUNE || (r >= 0xD800 && r <= 0xDFFF)) {
            r = RUNE_ERROR;
        }
        return Character.toString(r);
    }
}
