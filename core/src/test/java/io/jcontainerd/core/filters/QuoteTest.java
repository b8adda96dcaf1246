package io.jcontainerd.core.filters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** containerd's {@code quote.go} unquoting, including the {@code /} and {@code |} delimiters. */
class QuoteTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'\"\"'                         | ''",
        "'\"abc\"'                      | 'abc'",
        "'\"a\\\\b\\\"c\"'              | 'a\\b\"c'",
        "'\"\\x41\\101\\u00e9\\U0001F600\"' | 'AAé😀'",
        "'\"\\xe2\\x82\\xac\"'          | '€'",
        "'/a\\/b/'                      | 'a/b'",
        "'|a\\|b/|'                     | 'a|b/'",
        "'/a|\"b/'                      | 'a|\"b'",
        "'\"牛\"'                       | '牛'",
        "'`a\\n\r`'                     | 'a\\n'",
    })
    void unquotes(String literal, String expected) {
        assertThat(Quote.unquote(literal)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"a", "\"a\"b\"", "\"\\/\"", "/\\\"/", "\"\\777\"", "\"\\U00110000\"",
            "\"\\q\"", "\"\\x4\"", "\"a\nb\"", "'ab'", "`a`b`", "xax", "\"\\\""})
    void rejects(String literal) {
        assertThat(Quote.unquote(literal)).isNull();
    }

    @org.junit.jupiter.api.Test
    void control_characters_and_invalid_bytes() {
        assertThat(Quote.unquote("\"\\a\\b\\f\\n\\r\\t\\v\"")).isEqualTo("\u0007\b\f\n\r\t\u000b");
        assertThat(Quote.unquote("\"\\x00\"")).isEqualTo("\u0000");
        // a lone byte that is not UTF-8 reads as U+FFFD; a surrogate escape encodes as U+FFFD like Go
        assertThat(Quote.unquote("\"\\xff\"")).isEqualTo("\ufffd");
        assertThat(Quote.unquote("\"\\ud800\"")).isEqualTo("\ufffd");
    }

    @org.junit.jupiter.api.Test
    void single_quotes_hold_one_character() {
        // not reachable from the scanner (' is not a quote there), kept from strconv
        assertThat(Quote.unquote("''")).isEmpty();
        assertThat(Quote.unquote("'x'")).isEqualTo("x");
        assertThat(Quote.unquote("'\\''")).isEqualTo("'");
        assertThat(Quote.unquote("'xy'")).isNull();
    }
}
