package io.jcontainerd.core.filters;

import static io.jcontainerd.core.filters.Scanner.EOF;
import static io.jcontainerd.core.filters.Scanner.FIELD;
import static io.jcontainerd.core.filters.Scanner.ILLEGAL;
import static io.jcontainerd.core.filters.Scanner.OPERATOR;
import static io.jcontainerd.core.filters.Scanner.QUOTED;
import static io.jcontainerd.core.filters.Scanner.SEPARATOR;
import static io.jcontainerd.core.filters.Scanner.VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Port of upstream's {@code filters/scanner_test.go} table, plus a few quoting cases. */
class ScannerTest {
    /** A token as the Go test records it: err only for illegal tokens. */
    record Tok(int pos, int kind, String text, String err) {
        @Override
        public String toString() {
            return "{pos: " + pos + ", token: " + kindName(kind) + ", text: " + text + (err.isEmpty() ? "" : ", err: " + err) + "}";
        }
    }

    static String kindName(int kind) {
        return switch (kind) {
            case EOF -> "EOF";
            case QUOTED -> "Quoted";
            case VALUE -> "Value";
            case FIELD -> "Field";
            case SEPARATOR -> "Separator";
            case OPERATOR -> "Operator";
            case ILLEGAL -> "Illegal";
            default -> Character.toString(kind);
        };
    }

    static Tok t(int pos, int kind, String text) {
        return new Tok(pos, kind, text, "");
    }

    static Tok eof(int pos) {
        return new Tok(pos, EOF, "", "");
    }

    static Tok illegal(int pos, String text, String err) {
        return new Tok(pos, ILLEGAL, text, err);
    }

    static Stream<Arguments> upstreamCases() {
        return Stream.of(
                Arguments.of("Field", "name", List.of(t(0, FIELD, "name"), eof(4))),
                Arguments.of("SelectorsWithOperators", "name==value,foo!=bar", List.of(
                        t(0, FIELD, "name"), t(4, OPERATOR, "=="), t(6, VALUE, "value"), t(11, SEPARATOR, ","),
                        t(12, FIELD, "foo"), t(15, OPERATOR, "!="), t(17, VALUE, "bar"), eof(20))),
                Arguments.of("SelectorsWithFieldPaths", "name==value,labels.foo=value,other.bar~=match", List.of(
                        t(0, FIELD, "name"), t(4, OPERATOR, "=="), t(6, VALUE, "value"), t(11, SEPARATOR, ","),
                        t(12, FIELD, "labels"), t(18, SEPARATOR, "."), t(19, FIELD, "foo"), t(22, OPERATOR, "="),
                        t(23, VALUE, "value"), t(28, SEPARATOR, ","), t(29, FIELD, "other"), t(34, SEPARATOR, "."),
                        t(35, FIELD, "bar"), t(38, OPERATOR, "~="), t(40, VALUE, "match"), eof(45))),
                Arguments.of("RegexpValue", "name~=[abc]+,foo=test", List.of(
                        t(0, FIELD, "name"), t(4, OPERATOR, "~="), t(6, VALUE, "[abc]+"), t(12, SEPARATOR, ","),
                        t(13, FIELD, "foo"), t(16, OPERATOR, "="), t(17, VALUE, "test"), eof(21))),
                Arguments.of("RegexpEscapedValue", "name~=[abc]\\+,foo=test", List.of(
                        t(0, FIELD, "name"), t(4, OPERATOR, "~="), t(6, VALUE, "[abc]\\+"), t(13, SEPARATOR, ","),
                        t(14, FIELD, "foo"), t(17, OPERATOR, "="), t(18, VALUE, "test"), eof(22))),
                Arguments.of("RegexpQuotedValue", "name~=/[abc]{0,2}/,foo=test", List.of(
                        t(0, FIELD, "name"), t(4, OPERATOR, "~="), t(6, QUOTED, "/[abc]{0,2}/"), t(18, SEPARATOR, ","),
                        t(19, FIELD, "foo"), t(22, OPERATOR, "="), t(23, VALUE, "test"), eof(27))),
                Arguments.of("Cowsay", "name~=牛,labels.moo=true", List.of(
                        t(0, FIELD, "name"), t(4, OPERATOR, "~="), t(6, VALUE, "牛"), t(9, SEPARATOR, ","),
                        t(10, FIELD, "labels"), t(16, SEPARATOR, "."), t(17, FIELD, "moo"), t(20, OPERATOR, "="),
                        t(21, VALUE, "true"), eof(25))),
                Arguments.of("CowsayRegexpQuoted", "name~=|牛|,labels.moo=true", List.of(
                        t(0, FIELD, "name"), t(4, OPERATOR, "~="), t(6, QUOTED, "|牛|"), t(11, SEPARATOR, ","),
                        t(12, FIELD, "labels"), t(18, SEPARATOR, "."), t(19, FIELD, "moo"), t(22, OPERATOR, "="),
                        t(23, VALUE, "true"), eof(27))),
                Arguments.of("Escapes", "name~=\"asdf\\n\\tfooo\"", List.of(
                        t(0, FIELD, "name"), t(4, OPERATOR, "~="), t(6, QUOTED, "\"asdf\\n\\tfooo\""), eof(20))),
                Arguments.of("NullInput", "foo\u0000bar", List.of(
                        t(0, FIELD, "foo"), illegal(3, "", "unexpected null"), t(4, FIELD, "bar"), eof(7))),
                Arguments.of("SpacesChomped", "foo = bar    ", List.of(
                        t(0, FIELD, "foo"), t(4, OPERATOR, "="), t(6, VALUE, "bar"), eof(13))),
                Arguments.of("ValuesPunctauted", "compound.labels==punctuated_value.foo-bar", List.of(
                        t(0, FIELD, "compound"), t(8, SEPARATOR, "."), t(9, FIELD, "labels"), t(15, OPERATOR, "=="),
                        t(17, VALUE, "punctuated_value.foo-bar"), eof(41))),
                Arguments.of("PartialInput", "interrupted=", List.of(
                        t(0, FIELD, "interrupted"), t(11, OPERATOR, "="), eof(12))),
                Arguments.of("DoubleValue", "doublevalue=value value", List.of(
                        t(0, FIELD, "doublevalue"), t(11, OPERATOR, "="), t(12, VALUE, "value"), t(18, FIELD, "value"),
                        eof(23))),
                Arguments.of("LeadingWithQuoted", "\"leading quote\".postquote==value", List.of(
                        t(0, QUOTED, "\"leading quote\""), t(15, SEPARATOR, "."), t(16, FIELD, "postquote"),
                        t(25, OPERATOR, "=="), t(27, VALUE, "value"), eof(32))),
                Arguments.of("MissingValue", "input==,id!=ff", List.of(
                        t(0, FIELD, "input"), t(5, OPERATOR, "=="), t(7, SEPARATOR, ","), t(8, FIELD, "id"),
                        t(10, OPERATOR, "!="), t(12, VALUE, "ff"), eof(14))),
                Arguments.of("QuotedRegexp", "input~=/foo\\/bar/,id!=ff", List.of(
                        t(0, FIELD, "input"), t(5, OPERATOR, "~="), t(7, QUOTED, "/foo\\/bar/"), t(17, SEPARATOR, ","),
                        t(18, FIELD, "id"), t(20, OPERATOR, "!="), t(22, VALUE, "ff"), eof(24))),
                Arguments.of("QuotedRegexpAlt", "input~=|foo/bar|,id!=ff", List.of(
                        t(0, FIELD, "input"), t(5, OPERATOR, "~="), t(7, QUOTED, "|foo/bar|"), t(16, SEPARATOR, ","),
                        t(17, FIELD, "id"), t(19, OPERATOR, "!="), t(21, VALUE, "ff"), eof(23))),
                Arguments.of("IllegalQuoted", "labels.containerd.io/key==value", List.of(
                        t(0, FIELD, "labels"), t(6, SEPARATOR, "."), t(7, FIELD, "containerd"), t(17, SEPARATOR, "."),
                        t(18, FIELD, "io"), illegal(20, "/key==value", "quoted literal not terminated"), eof(31))),
                Arguments.of("IllegalQuotedWithNewLine", "labels.\"containerd.io\nkey\"==value", List.of(
                        t(0, FIELD, "labels"), t(6, SEPARATOR, "."),
                        illegal(7, "\"containerd.io\n", "quoted literal not terminated"), t(22, FIELD, "key"),
                        illegal(25, "\"==value", "quoted literal not terminated"), eof(33))),
                Arguments.of("IllegalEscapeSequence", "labels.\"\\g\"", List.of(
                        t(0, FIELD, "labels"), t(6, SEPARATOR, "."), illegal(7, "\"\\g\"", "illegal escape sequence"),
                        eof(11))),
                Arguments.of("IllegalNumericEscapeSequence", "labels.\"\\xaz\"", List.of(
                        t(0, FIELD, "labels"), t(6, SEPARATOR, "."),
                        illegal(7, "\"\\xaz\"", "illegal numeric escape sequence"), eof(13))));
    }

    /** Cases beyond upstream's table: quoting, escapes, values and unusual runes. */
    static Stream<Arguments> extraCases() {
        return Stream.of(
                Arguments.of("SingleQuoteIsNotAQuote", "labels.'a'", List.of(
                        t(0, FIELD, "labels"), t(6, SEPARATOR, "."), t(7, '\'', ""), t(8, FIELD, "a"), t(9, '\'', ""),
                        eof(10))),
                Arguments.of("BackquoteIsNotAQuote", "a==`b`", List.of(
                        t(0, FIELD, "a"), t(1, OPERATOR, "=="), t(3, VALUE, "`b`"), eof(6))),
                Arguments.of("ValueWithSlashColonDots", "platforms==linux/amd64,type==io.containerd.grpc.v1", List.of(
                        t(0, FIELD, "platforms"), t(9, OPERATOR, "=="), t(11, VALUE, "linux/amd64"),
                        t(22, SEPARATOR, ","), t(23, FIELD, "type"), t(27, OPERATOR, "=="),
                        t(29, VALUE, "io.containerd.grpc.v1"), eof(50))),
                Arguments.of("ValueStartingWithSlashIsQuoted", "a==/x/", List.of(
                        t(0, FIELD, "a"), t(1, OPERATOR, "=="), t(3, QUOTED, "/x/"), eof(6))),
                Arguments.of("ValueStartingWithDotIsSeparator", "a==.x", List.of(
                        t(0, FIELD, "a"), t(1, OPERATOR, "=="), t(3, SEPARATOR, "."), t(4, FIELD, "x"), eof(5))),
                Arguments.of("OperatorRunIsGreedy", "a=!~=b", List.of(
                        t(0, FIELD, "a"), t(1, OPERATOR, "=!~="), t(5, VALUE, "b"), eof(6))),
                Arguments.of("OperatorCharsInsideValue", "a==b=c!d", List.of(
                        t(0, FIELD, "a"), t(1, OPERATOR, "=="), t(3, VALUE, "b=c!d"), eof(8))),
                Arguments.of("ValueStopsAtControlCharacter", "a==b\u0007c", List.of(
                        t(0, FIELD, "a"), t(1, OPERATOR, "=="), t(3, VALUE, "b"), t(4, 7, ""), t(5, FIELD, "c"), eof(6))),
                Arguments.of("ValueStopsAtNoBreakSpace", "a==b\u00a0c", List.of(
                        t(0, FIELD, "a"), t(1, OPERATOR, "=="), t(3, VALUE, "b"), t(6, FIELD, "c"), eof(7))),
                Arguments.of("FieldRunsMayStartWithDigits", "0a_Z.9", List.of(
                        t(0, FIELD, "0a_Z"), t(4, SEPARATOR, "."), t(5, FIELD, "9"), eof(6))),
                Arguments.of("AllSimpleEscapes", "\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"", List.of(
                        t(0, QUOTED, "\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\""), eof(20))),
                Arguments.of("NumericEscapes", "\"\\101\\x41\\u0041\\U00000041\"", List.of(
                        t(0, QUOTED, "\"\\101\\x41\\u0041\\U00000041\""), eof(26))),
                Arguments.of("ShortUnicodeEscape", "\"\\u41\"", List.of(
                        illegal(0, "\"\\u41\"", "illegal numeric escape sequence"), eof(6))),
                Arguments.of("SlashEscapedInsideDoubleQuotesIsIllegal", "\"a\\/b\"", List.of(
                        illegal(0, "\"a\\/b\"", "illegal escape sequence"), eof(6))),
                Arguments.of("PipeEscapedInsidePipes", "|a\\|b|", List.of(t(0, QUOTED, "|a\\|b|"), eof(6))),
                Arguments.of("BackslashAtEnd", "\"abc\\", List.of(
                        illegal(0, "\"abc\\", "illegal escape sequence"), eof(5))),
                Arguments.of("NullInsideQuotes", "\"a\u0000b\"", List.of(
                        illegal(0, "\"a\u0000", "unexpected null"), t(3, FIELD, "b"),
                        illegal(4, "\"", "unexpected null"), eof(5))),
                Arguments.of("ReplacementCharacterIsARuneError", "a\ufffdb", List.of(
                        t(0, FIELD, "a"), illegal(1, "", "rune error"), t(4, FIELD, "b"), eof(5))),
                Arguments.of("LoneSurrogateIsARuneError", "a\ud800", List.of(
                        t(0, FIELD, "a"), illegal(1, "", "rune error"), illegal(2, "", "rune error"),
                        illegal(3, "", "rune error"), eof(4))),
                Arguments.of("Empty", "", List.of(eof(0))),
                Arguments.of("OnlySpaces", " \t\n", List.of(eof(3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"upstreamCases", "extraCases"})
    void scans_like_upstream(String name, String input, List<Tok> expected) {
        Scanner sc = new Scanner(input);
        List<Tok> actual = new ArrayList<>();
        for (int i = 0; i < expected.size() + 5; i++) {
            Scanner.Token tok = sc.scan();
            actual.add(new Tok(tok.pos(), tok.kind(), tok.text(), tok.kind() == ILLEGAL ? sc.err() : ""));
            if (tok.kind() == EOF) {
                break;
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(sc.scan().kind()).as("must consume all input").isEqualTo(EOF);
    }

    @Test
    void value_runes_follow_go_unicode_is_graphic() {
        assertThat(Scanner.isValueRune('a')).isTrue();
        assertThat(Scanner.isValueRune('/')).isTrue();
        assertThat(Scanner.isValueRune(':')).isTrue();
        assertThat(Scanner.isValueRune('\u00e9')).isTrue();
        assertThat(Scanner.isValueRune(0x1F600)).isTrue(); // emoji: So
        assertThat(Scanner.isValueRune(',')).isFalse();
        assertThat(Scanner.isValueRune(' ')).isFalse();
        assertThat(Scanner.isValueRune(0x3000)).isFalse(); // ideographic space
        assertThat(Scanner.isValueRune(0x200B)).isFalse(); // zero width space: Cf
        assertThat(Scanner.isValueRune(0xE000)).isFalse(); // private use
        assertThat(Scanner.isValueRune(EOF)).isFalse();
        assertThat(Scanner.isSpace(0x85)).isTrue();
        assertThat(Scanner.isSpace(0x0B)).isTrue();
        assertThat(Scanner.isSpace(0x200B)).isFalse();
    }
}
