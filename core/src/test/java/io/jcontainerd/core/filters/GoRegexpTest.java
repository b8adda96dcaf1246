package io.jcontainerd.core.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Go (RE2) regexp syntax and MatchString semantics on java.util.regex; each case is Go's answer,
 * many of them differing from what the same text means to {@link java.util.regex.Pattern}.
 */
class GoRegexpTest {
    static Stream<Arguments> matches() {
        return Stream.of(
                // $ is the end of text unless (?m); Java's $ also matches before a final \n
                Arguments.of("a$", "a\n", false),
                Arguments.of("a$", "ba", true),
                Arguments.of("(?m)a$", "a\nb", true),
                Arguments.of("^b", "a\nb", false),
                Arguments.of("(?m)^b", "a\nb", true),
                Arguments.of("(?m)^$", "a\n", true),
                Arguments.of("(?m:^b)|^a", "xa\nb", true),
                Arguments.of("(?m:x)^b", "x\nb", false),
                Arguments.of("\\Ab", "a\nb", false),
                Arguments.of("a\\z", "a\n", false),
                // . is anything but \n (Java also excludes \r, \u0085, \u2028 by default)
                Arguments.of("^.$", "\n", false),
                Arguments.of("^.$", "\r", true),
                Arguments.of("^.$", "\u2028", true),
                Arguments.of("(?s)^.$", "\n", true),
                Arguments.of("^.$", "😀", true),
                // Perl classes are ASCII; \s has no \v
                Arguments.of("\\s", "\u000b", false),
                Arguments.of("\\s", "\t", true),
                Arguments.of("\\w", "é", false),
                Arguments.of("\\d", "٣", false),
                Arguments.of("\\W", "é", true),
                Arguments.of("[^\\D]", "7", true),
                Arguments.of("\\bfoo\\b", "a foo b", true),
                Arguments.of("\\bfoo\\b", "afoob", false),
                Arguments.of("\\Bo\\B", "foo", true),
                Arguments.of("\\bé", "é", false),
                // POSIX classes exist only inside brackets; && and nested [ are literal
                Arguments.of("[[:alpha:]]", ":", false),
                Arguments.of("[[:alpha:]]", "q", true),
                Arguments.of("[[:^alpha:]]", "q", false),
                Arguments.of("[[:^alpha:]x]", "x", true),
                Arguments.of("[[:word:]]", "_", true),
                Arguments.of("[[:punct:]]", "`", true),
                Arguments.of("[a&&b]", "&", true),
                Arguments.of("[a-c[x]", "[", true),
                Arguments.of("[[a]", "a", true),
                Arguments.of("[]a]", "]", true),
                Arguments.of("[^]a]", "]", false),
                Arguments.of("[a-]", "-", true),
                Arguments.of("[\\d-z]", "-", true),
                Arguments.of("[^a]", "\n", true),
                // Unicode classes
                Arguments.of("\\pL", "é", true),
                Arguments.of("\\p{L}", "1", false),
                Arguments.of("\\PL", "1", true),
                Arguments.of("\\p{^L}", "a", false),
                Arguments.of("[\\P{L}]", "a", false),
                Arguments.of("\\p{Greek}", "α", true),
                Arguments.of("\\p{Greek}", "a", false),
                Arguments.of("\\p{Han}", "牛", true),
                Arguments.of("\\pN", "٣", true),
                Arguments.of("\\p{Any}", "😀", true),
                Arguments.of("\\P{Any}", "a", false),
                Arguments.of("\\pC", "\u0378", false), // Go's C has no unassigned code points
                Arguments.of("\\pC", "\u0007", true),
                Arguments.of("\\p{Lu}", "A", true),
                // case folding
                Arguments.of("(?i)k", "\u212a", true),
                Arguments.of("(?i)K", "k", true),
                Arguments.of("(?i)[^k]", "K", false),
                Arguments.of("(?i)[a-c]", "B", true),
                Arguments.of("(?i:a)b", "AB", false),
                Arguments.of("(?i)a(?-i)b", "Ab", true),
                Arguments.of("(?i)a(?-i)b", "AB", false),
                Arguments.of("((?i)a)b", "AB", false),
                Arguments.of("(?i)σ", "ς", true),
                // escapes and literals
                Arguments.of("\\x{1F600}", "😀", true),
                Arguments.of("\\x41\\101\\0", "AA\u0000", true),
                Arguments.of("\\Qa.b\\E", "axb", false),
                Arguments.of("\\Qa.b\\E", "a.b", true),
                Arguments.of("\\Qa.b", "a.b", true),
                Arguments.of("\\Qab\\E{2}", "abb", true),
                Arguments.of("\\.\\_\\-", "._-", true),
                Arguments.of("a\\|b", "a|b", true),
                // repetitions; an unparsable { is a literal
                Arguments.of("x{2}", "xx", true),
                Arguments.of("^x{2}$", "xxx", false),
                Arguments.of("x{,2}", "x{,2}", true),
                Arguments.of("x{01}", "x{01}", true),
                Arguments.of("x{2", "x{2", true),
                Arguments.of("x{2,}?y", "xxy", true),
                Arguments.of("^(a{10}){100}$", "a".repeat(1000), true),
                Arguments.of("^*a", "a", true),
                Arguments.of("a(?i)*", "", true),
                Arguments.of("(?U)^a+$", "aaa", true),
                // groups and flags
                Arguments.of("(?P<name>a)(?<n2>b)", "ab", true),
                Arguments.of("a(?)b", "ab", true),
                Arguments.of("(|a)b", "b", true),
                Arguments.of("()", "", true),
                Arguments.of("", "anything", true),
                Arguments.of("[abc]+", "too complex, yo", true),
                Arguments.of("^foo", "foobar", true),
                Arguments.of("^foo", "barfoo", false));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource
    void matches(String expr, String input, boolean expected) {
        GoRegexp re = GoRegexp.compile(expr);
        assertThat(re.error()).isNull();
        assertThat(re.matches(input)).as("%s (java: %s) on %s", expr, re.javaPattern(), input).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'('                   | missing closing ): `(`",
        "'a)'                  | unexpected ): `a)`",
        "'[a'                  | missing closing ]: `[a`",
        "'[z-a]'               | invalid character class range: `z-a`",
        "'[[:foo:]]'           | invalid character class range: `[:foo:]`",
        "'\\p{Foo}'            | invalid character class range: `\\p{Foo}`",
        "'\\p{Greek'           | invalid character class range: `\\p{Greek`",
        "'a**'                 | invalid nested repetition operator: `**`",
        "'a*+'                 | invalid nested repetition operator: `*+`",
        "'a++'                 | invalid nested repetition operator: `++`",
        "'a{2}{3}'             | invalid nested repetition operator: `{2}{3}`",
        "'a*?+'                | invalid nested repetition operator: `*?+`",
        "'*a'                  | missing argument to repetition operator: `*`",
        "'a|*'                 | missing argument to repetition operator: `*`",
        "'(?i)*'               | missing argument to repetition operator: `*`",
        "'(+)'                 | missing argument to repetition operator: `+`",
        "'a{1001}'             | invalid repeat count: `{1001}`",
        "'a{2,1}'              | invalid repeat count: `{2,1}`",
        "'a{100000000}'        | invalid repeat count: `{100000000}`",
        "'(a{500}){3}'         | invalid repeat count: `{3}`",
        "'((a{10}){10}){11}'   | invalid repeat count: `{11}`",
        "'\\C'                 | invalid escape sequence: `\\C`",
        "'\\Z'                 | invalid escape sequence: `\\Z`",
        "'\\1'                 | invalid escape sequence: `\\1`",
        "'(a)\\1'              | invalid escape sequence: `\\1`",
        "'\\8'                 | invalid escape sequence: `\\8`",
        "'\\e'                 | invalid escape sequence: `\\e`",
        "'\\x{110000}'         | invalid escape sequence: `\\x{110000`",
        "'\\xg0'               | invalid escape sequence: `\\xg0`",
        "'\\x{}'               | invalid escape sequence: `\\x{}`",
        "'[\\b]'               | invalid escape sequence: `\\b`",
        "'\\é'                 | invalid escape sequence: `\\é`",
        "'(?=a)'               | invalid or unsupported Perl syntax: `(?=`",
        "'(?!a)'               | invalid or unsupported Perl syntax: `(?!`",
        "'(?>a)'               | invalid or unsupported Perl syntax: `(?>`",
        "'(?#c)'               | invalid or unsupported Perl syntax: `(?#`",
        "'(?i'                 | invalid or unsupported Perl syntax: `(?i`",
        "'(?-)'                | invalid or unsupported Perl syntax: `(?-)`",
        "'(?i-)'               | invalid or unsupported Perl syntax: `(?i-)`",
        "'(?--i)'              | invalid or unsupported Perl syntax: `(?--`",
        "'(?x)'                | invalid or unsupported Perl syntax: `(?x`",
        "'(?P=n)'              | invalid or unsupported Perl syntax: `(?P`",
        "'(?<=a)'              | invalid named capture: `(?<=a)`",
        "'(?P<>a)'             | invalid named capture: `(?P<>`",
        "'(?P<a-b>x)'          | invalid named capture: `(?P<a-b>`",
    })
    void rejects_what_go_rejects(String expr, String error) {
        GoRegexp re = GoRegexp.compile(expr);
        assertThat(re.valid()).isFalse();
        assertThat(re.error()).isEqualTo("error parsing regexp: " + error);
        assertThat(re.matches(expr)).isFalse();
    }

    @Test
    void trailing_backslash() {
        assertThat(GoRegexp.compile("a\\").error())
                .isEqualTo("error parsing regexp: trailing backslash at end of expression: ``");
    }

    @Test
    void catastrophic_backtracking_is_abandoned_as_no_match() {
        GoRegexp re = GoRegexp.compile("^(a|a)*b");
        assertThat(re.valid()).isTrue();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThat(re.matches("a".repeat(64))).isFalse());
    }

    @Test
    void long_subjects_of_label_size_match() {
        String value = "ab".repeat(4096);
        assertThat(GoRegexp.compile("^(a|b)*$").matches(value)).isTrue();
        assertThat(GoRegexp.compile("^(?:ab)+$").matches(value)).isTrue();
        assertThat(GoRegexp.compile("^.*b$").matches(value)).isTrue();
    }

    @Test
    void cached_instances_are_reused() {
        assertThat(GoRegexp.cached("^x+$")).isSameAs(GoRegexp.cached("^x+$"));
        assertThat(GoRegexp.cached("(").valid()).isFalse();
    }

    @Test
    void canonical_names_follow_go() {
        assertThat(GoRegexp.canonicalName("Old_Italic")).isEqualTo("Olditalic");
        assertThat(GoRegexp.canonicalName("lu")).isEqualTo("Lu");
        assertThat(GoRegexp.compile("\\p{Old_Italic}").matches("\ud800\udf00")).isTrue();
        assertThat(GoRegexp.compile("\\p{Uppercase_Letter}").matches("Q")).isTrue();
    }
}
