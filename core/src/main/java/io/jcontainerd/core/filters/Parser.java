package io.jcontainerd.core.filters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for one filter string, reporting errors with containerd's text
 * ({@code filters/parser.go}). Grammar, as upstream accepts it:
 *
 * <pre>
 * selectors := selector ("," selector)*
 * selector  := fieldpath [operator value]
 * fieldpath := field ("." field)*
 * field     := [A-Za-z0-9_]+ | "double-quoted"
 * operator  := "==" | "!=" | "~="
 * value     := unquoted | "double-quoted" | (for ~= only) /slashed/ | |piped|
 * </pre>
 *
 * White space may precede a field, operator or value but not follow a selector.
 */
final class Parser {
    /** A parse failure; the message is upstream's, without the {@code "filters: "} prefix. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final Scanner scanner;
    private final byte[] input;

    private Parser(String input) {
        this.scanner = new Scanner(input);
        this.input = scanner.input();
    }

    /** Parses a non-empty filter string into an {@link Filter.All} of its selectors. */
    static Filter.All parse(String input) {
        return new Parser(input).selectors();
    }

    private Filter.All selectors() {
        List<Filter> selectors = new ArrayList<>();
        selectors.add(selector());
        while (true) {
            int ch = scanner.peek();
            if (ch == ',') {
                Scanner.Token t = scanner.scan();
                if (t.kind() != Scanner.SEPARATOR) {
                    throw error(t.pos(), "expected a separator");
                }
                selectors.add(selector());
            } else if (ch == Scanner.EOF) {
                return new Filter.All(selectors);
            } else {
                throw error(scanner.ppos(), "unexpected input: " + Utf8.runeString(ch));
            }
        }
    }

    private Selector selector() {
        List<String> fieldpath = fieldpath();
        int ch = scanner.peek();
        if (ch == ',' || ch == Scanner.EOF) {
            return new Selector(fieldpath, Operator.PRESENT, "");
        }
        Operator op = operator();
        String value = value(op == Operator.MATCHES);
        return new Selector(fieldpath, op, value);
    }

    private List<String> fieldpath() {
        List<String> fields = new ArrayList<>();
        fields.add(field());
        while (scanner.peek() == '.') {
            Scanner.Token t = scanner.scan();
            if (t.kind() != Scanner.SEPARATOR) {
                throw error(t.pos(), "expected a field separator (`.`)");
            }
            fields.add(field());
        }
        return fields;
    }

    private String field() {
        Scanner.Token t = scanner.scan();
        return switch (t.kind()) {
            case Scanner.FIELD -> t.text();
            case Scanner.QUOTED -> unquote(t, false);
            case Scanner.ILLEGAL -> throw error(t.pos(), scanner.err());
            default -> throw error(t.pos(), "expected field or quoted");
        };
    }

    private Operator operator() {
        Scanner.Token t = scanner.scan();
        return switch (t.kind()) {
            case Scanner.OPERATOR -> switch (t.text()) {
                case "==" -> Operator.EQUAL;
                case "!=" -> Operator.NOT_EQUAL;
                case "~=" -> Operator.MATCHES;
                // %q of a run of = ! ~ needs no escaping
                default -> throw error(t.pos(), "unsupported operator \"" + t.text() + "\"");
            };
            case Scanner.ILLEGAL -> throw error(t.pos(), scanner.err());
            default -> throw error(t.pos(), "expected an operator (\"==\"|\"!=\"|\"~=\")");
        };
    }

    private String value(boolean allowAltQuotes) {
        Scanner.Token t = scanner.scan();
        return switch (t.kind()) {
            case Scanner.VALUE, Scanner.FIELD -> t.text();
            case Scanner.QUOTED -> unquote(t, allowAltQuotes);
            case Scanner.ILLEGAL -> throw error(t.pos(), scanner.err());
            default -> throw error(t.pos(), "expected value or quoted");
        };
    }

    private String unquote(Scanner.Token t, boolean allowAlts) {
        char first = t.text().charAt(0);
        if (!allowAlts && first != '\'' && first != '"') {
            throw error(t.pos(), "invalid quote encountered");
        }
        String unquoted = Quote.unquote(t.text());
        if (unquoted == null) {
            throw error(t.pos(), "unquoting failed: " + Quote.SYNTAX_ERROR);
        }
        return unquoted;
    }

    /**
     * Upstream's {@code parseError}: {@code parse error: [before >|c|< after]: msg}, where
     * {@code c} is the single byte at {@code pos}, or {@code parse error: [input]: msg} at the end.
     */
    private Failure error(int pos, String msg) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(input.length + msg.length() + 32);
        b.writeBytes("parse error: [".getBytes(StandardCharsets.UTF_8));
        if (pos < input.length) {
            b.write(input, 0, pos);
            b.writeBytes(" >|".getBytes(StandardCharsets.UTF_8));
            b.write(input[pos]);
            b.writeBytes("|< ".getBytes(StandardCharsets.UTF_8));
            b.write(input, pos + 1, input.length - pos - 1);
        } else {
            b.writeBytes(input);
        }
        b.writeBytes("]: ".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(Utf8.encode(msg));
        return new Failure(b.toString(StandardCharsets.UTF_8));
    }
}
