package io.jcontainerd.core.filters;

/**
 * The filter tokenizer, with containerd's exact token boundaries, byte positions and sticky error
 * message ({@code filters/scanner.go}).
 *
 * <p>Runes are read from the UTF-8 bytes of the input. {@link #next()} answers a code point, or
 * {@link #EOF}, or {@link #ILLEGAL} (a NUL byte or malformed UTF-8, recorded in {@link #err()}).
 * A token is a {@linkplain #QUOTED quoted} literal (delimited by {@code "}, {@code /} or
 * {@code |}), a {@linkplain #SEPARATOR separator} ({@code ,} or {@code .}), an
 * {@linkplain #OPERATOR operator} (a run of {@code = ! ~}), a {@linkplain #VALUE value} (right
 * after an operator: any run of graphic, non-space characters other than {@code ,}), a
 * {@linkplain #FIELD field} ({@code [A-Za-z0-9_]+}), or any other single rune as itself.
 * White space before a token is skipped.
 *
 * <p>Two quirks are upstream's and kept: {@code /} and {@code |} always open a quoted literal,
 * even in a field path ({@code labels.ns/key} is an unterminated literal), and the first error
 * met, even while only peeking, is the message reported for every later illegal token.
 */
final class Scanner {
    static final int EOF = -1;
    static final int QUOTED = -2;
    static final int VALUE = -3;
    static final int FIELD = -4;
    static final int SEPARATOR = -5;
    static final int OPERATOR = -6;
    static final int ILLEGAL = -7;

    /** One scanned token: its byte position, kind (a constant above, or the rune itself) and text. */
    record Token(int pos, int kind, String text) {
    }

    private final byte[] input;
    /** Start of the rune read last. */
    private int pos;
    /** End of the rune read last: where the next one starts. */
    private int ppos;
    /** Set after an operator: the next unquoted run is a value, not a field. */
    private boolean value;
    private String err = "";

    Scanner(byte[] input) {
        this.input = input;
    }

    Scanner(String input) {
        this(Utf8.encode(input));
    }

    byte[] input() {
        return input;
    }

    /** {@return the first error met, or "" if none} */
    String err() {
        return err;
    }

    /** {@return the byte offset just past the rune read last (upstream's {@code ppos})} */
    int ppos() {
        return ppos;
    }

    int next() {
        if (pos >= input.length) {
            return EOF;
        }
        pos = ppos;
        long d = Utf8.decode(input, ppos);
        int w = Utf8.width(d);
        if (w == 0) {
            return EOF;
        }
        ppos += w;
        int r = Utf8.rune(d);
        if (r == Utf8.RUNE_ERROR) {
            error("rune error");
            return ILLEGAL;
        }
        if (r == 0) {
            error("unexpected null");
            return ILLEGAL;
        }
        return r;
    }

    int peek() {
        int savedPos = pos;
        int savedPpos = ppos;
        int ch = next();
        pos = savedPos;
        ppos = savedPpos;
        return ch;
    }

    Token scan() {
        int ch = next();
        int start = pos;
        while (Character.isValidCodePoint(ch) && isSpace(ch)) {
            ch = next();
            start = pos;
        }
        if (ch == EOF || ch == ILLEGAL) {
            return new Token(pos, ch, "");
        }
        if (isQuote(ch)) {
            int kind = scanQuoted(ch) ? QUOTED : ILLEGAL;
            return new Token(start, kind, text(start));
        }
        if (ch == ',' || ch == '.') {
            value = false;
            return new Token(start, SEPARATOR, text(start));
        }
        if (isOperator(ch)) {
            while (isOperator(peek())) {
                next();
            }
            value = true;
            return new Token(start, OPERATOR, text(start));
        }
        if (value) {
            while (isValueRune(peek())) {
                next();
            }
            value = false;
            return new Token(start, VALUE, text(start));
        }
        if (isFieldRune(ch)) {
            while (isFieldRune(peek())) {
                next();
            }
            return new Token(start, FIELD, text(start));
        }
        return new Token(pos, ch, "");
    }

    private String text(int start) {
        return Utf8.string(input, start, ppos);
    }

    /** Consumes a quoted literal whose opening {@code quote} was just read; false if it is illegal. */
    private boolean scanQuoted(int quote) {
        boolean illegal = false;
        int ch = next();
        while (ch != quote) {
            if (ch == '\n' || ch < 0) {
                error("quoted literal not terminated");
                return false;
            }
            if (ch == '\\') {
                ch = scanEscape(quote);
                if (!escapeLegal) {
                    illegal = true;
                }
            } else {
                ch = next();
            }
        }
        return !illegal;
    }

    /** Result flag of the last {@link #scanEscape}. */
    private boolean escapeLegal;

    /** Consumes the escape after a backslash; answers the rune that follows it. */
    private int scanEscape(int quote) {
        int ch = next();
        escapeLegal = false;
        if (ch == quote) {
            escapeLegal = true;
            return next();
        }
        switch (ch) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                escapeLegal = true;
                return next();
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                return scanDigits(ch, 8, 3);
            }
            case 'x' -> {
                return scanDigits(next(), 16, 2);
            }
            case 'u' -> {
                return scanDigits(next(), 16, 4);
            }
            case 'U' -> {
                return scanDigits(next(), 16, 8);
            }
            default -> {
                error("illegal escape sequence");
                return ch;
            }
        }
    }

    private int scanDigits(int ch, int base, int n) {
        while (n > 0 && digitVal(ch) < base) {
            ch = next();
            n--;
        }
        if (n > 0) {
            error("illegal numeric escape sequence");
            escapeLegal = false;
        } else {
            escapeLegal = true;
        }
        return ch;
    }

    private void error(String msg) {
        if (err.isEmpty()) {
            err = msg;
        }
    }

    private static int digitVal(int ch) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        if (ch >= 'a' && ch <= 'f') {
            return ch - 'a' + 10;
        }
        if (ch >= 'A' && ch <= 'F') {
            return ch - 'A' + 10;
        }
        return 16;
    }

    static boolean isQuote(int r) {
        return r == '"' || r == '/' || r == '|';
    }

    static boolean isOperator(int r) {
        return r == '=' || r == '!' || r == '~';
    }

    static boolean isFieldRune(int r) {
        return r == '_' || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9');
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int r) {
        if (r <= 0xFF) {
            return r == '\t' || r == '\n' || r == 0x0B || r == '\f' || r == '\r' || r == ' ' || r == 0x85 || r == 0xA0;
        }
        return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F
                || r == 0x205F || r == 0x3000;
    }

    /**
     * Upstream's {@code isValueRune}: not a comma, not space, and graphic (a letter, mark, number,
     * punctuation or symbol, per Go's {@code unicode.IsGraphic}).
     */
    static boolean isValueRune(int r) {
        if (r < 0 || r == ',' || !Character.isValidCodePoint(r) || isSpace(r)) {
            return false;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
