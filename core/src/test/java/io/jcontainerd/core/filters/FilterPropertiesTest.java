package io.jcontainerd.core.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/**
 * Property checks over generated inputs (fixed seeds, so failures reproduce): every input either
 * parses or fails with upstream's error shape, quoting round-trips, and the Go regexp translation
 * agrees with Java on the syntax both read the same way.
 */
class FilterPropertiesTest {
    private static final int TRIES = 5_000;

    /** Characters that matter to the scanner, weighted toward the interesting ones. */
    private static final String FILTER_ALPHABET = "ab_09.,=!~\"/|\\ \t\n'`?xq\u0000牛é😀\ufffd";
    private static final String[] FILTER_WORDS = {"labels", "name", "==", "!=", "~=", "\"a b\"", "/x/", "|y|", "\\x41",
        "\\u00e9", "\\777", ".", ","};

    static String randomFilter(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(3) == 0) {
                b.append(FILTER_WORDS[r.nextInt(FILTER_WORDS.length)]);
            } else {
                b.appendCodePoint(FILTER_ALPHABET.codePoints().toArray()[r.nextInt((int) FILTER_ALPHABET.codePoints().count())]);
            }
        }
        return b.toString();
    }

    static int randomCodePoint(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextInt(0x80);
            case 1 -> "\"\\/|.,=!~ \n\t\u0000'`".charAt(r.nextInt(15));
            case 2 -> 0x80 + r.nextInt(0x780);
            case 3 -> {
                int cp;
                do {
                    cp = r.nextInt(0x10000);
                } while (Character.isSurrogate((char) cp));
                yield cp;
            }
            case 4 -> 0x10000 + r.nextInt(0x100000);
            default -> 'a' + r.nextInt(26);
        };
    }

    static String randomString(Random r, int maxLength) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(maxLength + 1);
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(randomCodePoint(r));
        }
        return b.toString();
    }

    /** A double-quoted Go literal of {@code s}, escaping at random where the scanner allows either. */
    static String goQuote(String s, Random r) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            boolean mustEscape = cp == '"' || cp == '\\' || cp == '\n' || cp == 0 || cp == 0xFFFD;
            if (!mustEscape && r.nextInt(3) != 0) {
                b.appendCodePoint(cp);
                return;
            }
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append(r.nextBoolean() ? "\\n" : "\\x0a");
                default -> {
                    switch (r.nextInt(4)) {
                        case 0 -> {
                            for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                                b.append(String.format("\\x%02x", x & 0xFF));
                            }
                        }
                        case 1 -> {
                            for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                                b.append(String.format("\\%03o", x & 0xFF));
                            }
                        }
                        case 2 -> b.append(cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\U%08x", cp));
                        default -> b.append(String.format("\\U%08X", cp));
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    @Test
    void every_input_parses_or_fails_with_upstreams_error_shape() {
        Random r = new Random(1);
        for (int i = 0; i < TRIES * 4; i++) {
            String input = i % 2 == 0 ? randomFilter(r) : randomString(r, 10);
            Filter parsed;
            try {
                parsed = Filters.parse(input);
            } catch (ErrdefsException e) {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
                assertThat(e.getMessage()).as("input %s", input).startsWith("filters: parse error: [");
                if (input.chars().allMatch(c -> c < 0x80)) {
                    assertThat(rendersInput(e.getMessage(), input)).as("%s for input %s", e.getMessage(), input).isTrue();
                }
                try {
                    Filters.parseAll(List.of(input));
                    fail("parseAll accepted %s", input);
                } catch (ErrdefsException all) {
                    assertThat(all.getMessage()).isEqualTo(e.getMessage() + ": invalid argument");
                }
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("unexpected exception for input " + Pattern.quote(input), e);
            }
            assertThat(Filters.parse(input)).isEqualTo(parsed);
            // matching never throws, whatever the adaptor answers
            parsed.match(path -> Optional.of(input));
            parsed.match(path -> Optional.empty());
        }
    }

    /** Whether {@code message} shows {@code input} as upstream does: whole, or split around one byte. */
    private static boolean rendersInput(String message, String input) {
        String prefix = "filters: parse error: [";
        if (message.startsWith(prefix + input + "]: ")) {
            return true;
        }
        for (int p = 0; p < input.length(); p++) {
            String shown = input.substring(0, p) + " >|" + input.charAt(p) + "|< " + input.substring(p + 1);
            if (message.startsWith(prefix + shown + "]: ")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void quoted_label_keys_and_values_round_trip() {
        Random r = new Random(2);
        for (int i = 0; i < TRIES; i++) {
            String key = randomString(r, 8);
            String value = randomString(r, 8);
            String filter = "labels." + goQuote(key, r) + "==" + goQuote(value, r);
            Filter parsed = Filters.parse(filter);
            assertThat(parsed).as(filter).isEqualTo(new Filter.All(List.of(
                    new Selector(List.of("labels", key), Operator.EQUAL, value))));
            Map<String, String> labels = Map.of(key, value);
            assertThat(parsed.match(path -> Adaptors.labels(labels, path.subList(1, path.size())))).isTrue();
            Map<String, String> other = Map.of(key, value + "x");
            assertThat(parsed.match(path -> Adaptors.labels(other, path.subList(1, path.size())))).isFalse();
        }
    }

    @Test
    void unquoted_values_are_taken_verbatim() {
        Random r = new Random(3);
        String first = "abcXYZ019_-:@+牛é😀";
        String rest = first + "./:=!~\"|'`?[](){}^$*\\#%&<>";
        int[] firstCps = first.codePoints().toArray();
        int[] restCps = rest.codePoints().toArray();
        for (int i = 0; i < TRIES; i++) {
            StringBuilder v = new StringBuilder().appendCodePoint(firstCps[r.nextInt(firstCps.length)]);
            int n = r.nextInt(12);
            for (int k = 0; k < n; k++) {
                v.appendCodePoint(restCps[r.nextInt(restCps.length)]);
            }
            String value = v.toString();
            String op = List.of("==", "!=", "~=").get(r.nextInt(3));
            Filter parsed = Filters.parse("name" + op + value + ",id");
            Selector s = (Selector) ((Filter.All) parsed).filters().getFirst();
            assertThat(s.value()).as("name%s%s", op, value).isEqualTo(value);
        }
    }

    /** Go's {@code regexp.QuoteMeta}. */
    static String quoteMeta(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if ("\\.+*?()|[]{}^$".indexOf(cp) >= 0) {
                b.append('\\');
            }
            b.appendCodePoint(cp);
        });
        return b.toString();
    }

    @Test
    void quoted_meta_regexps_match_exactly_their_text() {
        Random r = new Random(4);
        for (int i = 0; i < TRIES; i++) {
            String text = randomString(r, 8) + (r.nextBoolean() ? "" : "\\.+*?()|[]{}^$".charAt(r.nextInt(14)));
            String expr = "^" + quoteMeta(text) + "$";
            GoRegexp re = GoRegexp.compile(expr);
            assertThat(re.error()).as(expr).isNull();
            assertThat(re.matches(text)).as(expr).isTrue();
            assertThat(re.matches(text + "x")).as(expr).isFalse();
            assertThat(re.matches("x" + text)).as(expr).isFalse();
            // and through the filter language, quoting the expression for ~=
            Filter f = Filters.parse("name~=" + goQuote(expr, r));
            assertThat(f.match(path -> Optional.of(text))).as(expr).isTrue();
        }
    }

    @Test
    void regexp_translation_never_throws_and_reports_go_errors() {
        Random r = new Random(5);
        String alphabet = "()[]{}|*+?^$.\\:-,0123abcpPdDwWsSQEimsU<>=!#_'^Lz";
        for (int i = 0; i < TRIES * 4; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(10);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String expr = b.toString();
            GoRegexp re = GoRegexp.compile(expr);
            if (re.valid()) {
                re.matches(randomString(r, 6));
            } else {
                assertThat(re.error()).as(expr).startsWith("error parsing regexp: ").doesNotContain("java.");
                assertThat(re.matches("abc")).isFalse();
            }
        }
    }

    @Test
    void agrees_with_java_where_both_read_the_syntax_alike() {
        // literals, groups, alternation and * + ? (greedy or lazy) mean the same in both engines
        Random r = new Random(6);
        String alphabet = "abc()|*+?";
        int compared = 0;
        for (int i = 0; i < TRIES * 4; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(8);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String expr = b.toString();
            GoRegexp go = GoRegexp.compile(expr);
            Pattern java;
            try {
                java = Pattern.compile(expr);
            } catch (PatternSyntaxException e) {
                continue;
            }
            if (!go.valid()) {
                // Go is stricter: stacked quantifiers (Java's possessive a*+) and (?...) forms
                assertThat(expr).as("rejected by Go only: %s (%s)", expr, go.error()).containsAnyOf("*+", "++", "?+", "**",
                        "+*", "?*", "*?*", "*?+", "??*", "(?", "+?+", "+?*", "???", "*??", "+??", "{");
                continue;
            }
            compared++;
            for (int k = 0; k < 20; k++) {
                StringBuilder s = new StringBuilder();
                int len = r.nextInt(7);
                for (int j = 0; j < len; j++) {
                    s.append("abc".charAt(r.nextInt(3)));
                }
                String subject = s.toString();
                assertThat(go.matches(subject)).as("%s on %s (java: %s)", expr, subject, go.javaPattern())
                        .isEqualTo(java.matcher(subject).find());
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }
}
