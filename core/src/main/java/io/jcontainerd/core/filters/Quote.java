package io.jcontainerd.core.filters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Unquoting of quoted literals with the rules of containerd's {@code filters/quote.go}: Go string
 * literal syntax ({@code strconv.Unquote}), extended so that {@code /} and {@code |} delimit like
 * a double quote and may be escaped inside their own literal ({@code /a\/b/} is {@code a/b}).
 *
 * <p>Escapes work on bytes as in Go: {@code \xNN} and octal escapes insert single bytes, so
 * {@code "\xe2\x82\xac"} is {@code €}; the result is then read as UTF-8, and bytes that do not
 * form valid UTF-8 read as U+FFFD (Go would keep them raw).
 */
final class Quote {
    /** The only message upstream ever reports: {@code errQuoteSyntax}. */
    static final String SYNTAX_ERROR = "quote syntax error";

    private Quote() {
    }

    /** {@return the value quoted by {@code literal}, delimiters included, or null on a syntax error} */
    static String unquote(String literal) {
        byte[] s = Utf8.encode(literal);
        int n = s.length;
        if (n < 2) {
            return null;
        }
        int quote = s[0] & 0xFF;
        if (quote != (s[n - 1] & 0xFF)) {
            return null;
        }
        int from = 1;
        int to = n - 1;
        if (quote == '`') {
            ByteArrayOutputStream raw = new ByteArrayOutputStream(to - from);
            for (int i = from; i < to; i++) {
                if (s[i] == '`') {
                    return null;
                }
                if (s[i] != '\r') {
                    raw.write(s[i]);
                }
            }
            return raw.toString(StandardCharsets.UTF_8);
        }
        if (quote != '"' && quote != '\'' && quote != '|' && quote != '/') {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (s[i] == '\n') {
                return null;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            int c = s[i] & 0xFF;
            if (c == quote) {
                return null;
            }
            if (c >= 0x80) {
                long d = Utf8.decode(s, i); // the closing quote is ASCII, so a sequence cannot run past it
                Utf8.appendRune(out, Utf8.rune(d));
                i += Utf8.width(d);
            } else if (c != '\\') {
                out.write(c);
                i++;
            } else {
                if (i + 1 >= to) {
                    return null;
                }
                int e = s[i + 1] & 0xFF;
                i += 2;
                switch (e) {
                    case 'a' -> out.write(7);
                    case 'b' -> out.write(8);
                    case 'f' -> out.write(12);
                    case 'n' -> out.write(10);
                    case 'r' -> out.write(13);
                    case 't' -> out.write(9);
                    case 'v' -> out.write(11);
                    case 'x', 'u', 'U' -> {
                        int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                        if (to - i < len) {
                            return null;
                        }
                        int v = 0;
                        for (int j = 0; j < len; j++) {
                            int h = unhex(s[i + j] & 0xFF);
                            if (h < 0) {
                                return null;
                            }
                            v = (v << 4) | h;
                        }
                        i += len;
                        if (e == 'x') {
                            out.write(v);
                        } else {
                            // like Go's int32 rune, v may have wrapped negative: that passes and encodes as U+FFFD
                            if (v > Utf8.MAX_RUNE) {
                                return null;
                            }
                            Utf8.appendRune(out, v);
                        }
                    }
                    case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                        if (to - i < 2) {
                            return null;
                        }
                        int v = e - '0';
                        for (int j = 0; j < 2; j++) {
                            int x = (s[i + j] & 0xFF) - '0';
                            if (x < 0 || x > 7) {
                                return null;
                            }
                            v = (v << 3) | x;
                        }
                        i += 2;
                        if (v > 255) {
                            return null;
                        }
                        out.write(v);
                    }
                    case '\\' -> out.write('\\');
                    case '\'', '"', '|', '/' -> {
                        if (e != quote) {
                            return null;
                        }
                        out.write(e);
                    }
                    default -> {
                        return null;
                    }
                }
            }
            if (quote == '\'' && i < to) {
                // single-quoted must be a single character
                return null;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@return the value of hex digit {@code c}, or -1} */
    static int unhex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
