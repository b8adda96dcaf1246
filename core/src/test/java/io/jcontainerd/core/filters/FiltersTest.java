package io.jcontainerd.core.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Port of upstream's {@code filters/filter_test.go} (TestFilters, TestOperatorStrings) and more cases. */
class FiltersTest {
    /** Upstream's {@code cEntry}. */
    record Entry(String name, String other, Map<String, String> labels) {
        Entry(String name) {
            this(name, "", Map.of());
        }

        Entry(String name, Map<String, String> labels) {
            this(name, "", labels);
        }

        Entry(String name, String other) {
            this(name, other, Map.of());
        }
    }

    static final List<Entry> CORPUS = List.of(
            new Entry("foo", Map.of("foo", "true")),
            new Entry("bar"),
            new Entry("foo", Map.of("foo", "present", "more complex label", "present")),
            new Entry("bar", Map.of("bar", "true")),
            new Entry("fooer", Map.of("more complex label with \\ and \"", "present")),
            new Entry("fooer", Map.of("more complex label with \\ and \".post", "present")),
            new Entry("baz", "too complex, yo"),
            new Entry("bazo", "abc"),
            new Entry("compound", Map.of("foo", "omg_asdf.asdf-qwer")));

    /** Upstream's example adaptor. */
    static Adaptor adapt(Entry e) {
        return fieldpath -> switch (fieldpath.getFirst()) {
            case "name" -> Adaptors.nonEmpty(e.name());
            case "other" -> Adaptors.nonEmpty(e.other());
            case "labels" -> Adaptors.labels(e.labels(), fieldpath.subList(1, fieldpath.size()));
            default -> Optional.empty();
        };
    }

    static List<Integer> matching(Filter filter) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < CORPUS.size(); i++) {
            if (filter.match(adapt(CORPUS.get(i)))) {
                out.add(i);
            }
        }
        return out;
    }

    static final List<Integer> ALL = IntStream.range(0, CORPUS.size()).boxed().toList();

    static Stream<Arguments> upstreamMatches() {
        return Stream.of(
                Arguments.of("Empty", "", ALL),
                Arguments.of("Present", "name", ALL),
                Arguments.of("LabelPresent", "labels.foo", List.of(0, 2, 8)),
                Arguments.of("NameAndLabelPresent", "labels.foo,name", List.of(0, 2, 8)),
                Arguments.of("LabelValue", "labels.foo==true", List.of(0)),
                Arguments.of("LabelValuePunctuated", "labels.foo==omg_asdf.asdf-qwer", List.of(8)),
                Arguments.of("Name", "name==bar", List.of(1, 3)),
                Arguments.of("NameNotEqual", "name!=bar", List.of(0, 2, 4, 5, 6, 7, 8)),
                Arguments.of("NameAndLabelPresent", "name==bar,labels.bar", List.of(3)),
                Arguments.of("QuotedValue", "other==\"too complex, yo\"", List.of(6)),
                Arguments.of("RegexpValue", "other~=[abc]+,name!=foo", List.of(6, 7)),
                Arguments.of("RegexpQuotedValue", "other~=/[abc]+/,name!=foo", List.of(6, 7)),
                Arguments.of("RegexpQuotedValue", "other~=/[abc]{1,2}/,name!=foo", List.of(6, 7)),
                Arguments.of("RegexpQuotedValueGarbage", "other~=/[abc]{0,1}\"\\//,name!=foo", List.of()),
                Arguments.of("NameAndLabelValue", "name==bar,labels.bar==true", List.of(3)),
                Arguments.of("NameAndLabelValueNoMatch", "name==bar,labels.bar==wrong", List.of()),
                Arguments.of("LabelQuotedFieldPathPresent", "name==foo,labels.\"more complex label\"", List.of(2)),
                Arguments.of("LabelQuotedFieldPathPresentWithQuoted",
                        "labels.\"more complex label with \\\\ and \\\"\"==present", List.of(4)),
                Arguments.of("LabelQuotedFieldPathPresentWithQuotedEmbed",
                        "labels.\"more complex label with \\\\ and \\\"\".post==present", List.of(5)));
    }

    static Stream<Arguments> moreMatches() {
        return Stream.of(
                Arguments.of("AbsentFieldIsEmptyForNotEqual", "other!=abc", List.of(0, 1, 2, 3, 4, 5, 6, 8)),
                Arguments.of("AbsentFieldIsEmptyForMatches", "other~=^$", List.of(0, 1, 2, 3, 4, 5, 8)),
                Arguments.of("NotEqualEmptyMeansSet", "other!=\"\"", List.of(6, 7)),
                Arguments.of("EqualNeedsPresence", "other==\"\"", List.of()),
                Arguments.of("RegexpAnchors", "name~=^foo$", List.of(0, 2)),
                Arguments.of("RegexpUnanchoredFindsAnywhere", "name~=oo", List.of(0, 2, 4, 5)),
                Arguments.of("RegexpAlternationUnquoted", "name~=^bar$|^baz$", List.of(1, 3, 6)),
                Arguments.of("RegexpAlternationPiped", "name~=/^(bar|baz)$/", List.of(1, 3, 6)),
                Arguments.of("RegexpCaseInsensitive", "name~=(?i)^FOO", List.of(0, 2, 4, 5)),
                Arguments.of("RegexpInvalidNeverMatches", "name~=\"(\"", List.of()),
                Arguments.of("RegexpJavaOnlySyntaxNeverMatches", "name~=\"foo(?=er)\"", List.of()),
                Arguments.of("RegexpOnLabel", "labels.foo~=^omg_", List.of(8)),
                Arguments.of("UnquotedLabelPathJoinedWithDots", "labels.more", List.of()),
                Arguments.of("SpacesBeforeTokens", " name == bar, labels.bar", List.of(3)),
                Arguments.of("QuotedFieldName", "\"name\"==bar", List.of(1, 3)),
                Arguments.of("EscapedValue", "name==\"\\x62\\u0061r\"", List.of(1, 3)),
                Arguments.of("OctalEscapedValue", "name==\"\\142ar\"", List.of(1, 3)),
                Arguments.of("ValueWithQuoteCharInside", "name==ba\"r", List.of()),
                Arguments.of("UnknownField", "nope", List.of()),
                Arguments.of("UnknownFieldNotEqual", "nope!=x", ALL));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"upstreamMatches", "moreMatches"})
    void matches_like_upstream(String name, String input, List<Integer> expected) {
        assertThat(matching(Filters.parse(input))).containsExactlyElementsOf(expected);
        assertThat(matching(Filters.parseAll(input))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> upstreamErrors() {
        return Stream.of(
                Arguments.of("LabelValueNoAltQuoting", "labels.|foo|==omg_asdf.asdf-qwer",
                        "filters: parse error: [labels. >|||< foo|==omg_asdf.asdf-qwer]: invalid quote encountered"),
                Arguments.of("LabelQuotedFieldPathPresentWithQuotedEmbedInvalid",
                        "labels.?\"more complex label with \\\\ and \\\"\".post==present",
                        "filters: parse error: [labels. >|?|< \"more complex label with \\\\ and \\\"\".post==present]: "
                                + "expected field or quoted"),
                Arguments.of("TrailingComma", "name==foo,", "filters: parse error: [name==foo,]: expected field or quoted"),
                Arguments.of("TrailingFieldSeparator", "labels.", "filters: parse error: [labels.]: expected field or quoted"),
                Arguments.of("MissingValue", "image~=,id?=?fbaq",
                        "filters: parse error: [image~= >|,|< id?=?fbaq]: expected value or quoted"),
                Arguments.of("FieldQuotedLiteralNotTerminated", "labels.ns/key==value",
                        "filters: parse error: [labels.ns >|/|< key==value]: quoted literal not terminated"),
                Arguments.of("ValueQuotedLiteralNotTerminated", "labels.key==/value",
                        "filters: parse error: [labels.key== >|/|< value]: quoted literal not terminated"));
    }

    static Stream<Arguments> moreErrors() {
        return Stream.of(
                Arguments.of("NullValue", "type==\u0000", "filters: parse error: [type== >|\u0000|< ]: unexpected null"),
                Arguments.of("TrailingSpace", "name==foo ", "filters: parse error: [name==foo >| |< ]: unexpected input:  "),
                Arguments.of("SpaceBetweenSelectors", "name==foo bar",
                        "filters: parse error: [name==foo >| |< bar]: unexpected input:  "),
                Arguments.of("PresentThenSpace", "name ",
                        "filters: parse error: [name ]: expected an operator (\"==\"|\"!=\"|\"~=\")"),
                Arguments.of("UnexpectedRune", "name?",
                        "filters: parse error: [name >|?|< ]: expected an operator (\"==\"|\"!=\"|\"~=\")"),
                Arguments.of("UnexpectedAfterQuotedValue", "name==\"a\"?", "filters: parse error: [name==\"a\" >|?|< ]: unexpected input: ?"),
                Arguments.of("SpaceBeforeComma", "name==a ,b", "filters: parse error: [name==a >| |< ,b]: unexpected input:  "),
                Arguments.of("SingleEquals", "name=foo", "filters: parse error: [name >|=|< foo]: unsupported operator \"=\""),
                Arguments.of("TripleEquals", "name===foo",
                        "filters: parse error: [name >|=|< ==foo]: unsupported operator \"===\""),
                Arguments.of("NoValue", "name==", "filters: parse error: [name==]: expected value or quoted"),
                Arguments.of("SpacesOnly", "  ", "filters: parse error: [  ]: expected field or quoted"),
                Arguments.of("LeadingOperator", "!name", "filters: parse error: [ >|!|< name]: expected field or quoted"),
                Arguments.of("DoubleComma", "name,,x", "filters: parse error: [name, >|,|< x]: expected field or quoted"),
                Arguments.of("TrailingDot", "a.b.", "filters: parse error: [a.b.]: expected field or quoted"),
                Arguments.of("ValueUnterminated", "name==\"foo",
                        "filters: parse error: [name== >|\"|< foo]: quoted literal not terminated"),
                Arguments.of("OctalOutOfRange", "name==\"\\777\"",
                        "filters: parse error: [name== >|\"|< \\777\"]: unquoting failed: quote syntax error"),
                Arguments.of("CodePointOutOfRange", "name==\"\\U00110000\"",
                        "filters: parse error: [name== >|\"|< \\U00110000\"]: unquoting failed: quote syntax error"),
                Arguments.of("SlashQuotesOnlyForRegexp", "name==/foo/",
                        "filters: parse error: [name== >|/|< foo/]: invalid quote encountered"),
                Arguments.of("PipeQuotesOnlyForRegexp", "name!=|foo|",
                        "filters: parse error: [name!= >|||< foo|]: invalid quote encountered"),
                Arguments.of("IllegalEscape", "labels.\"\\q\"", "filters: parse error: [labels. >|\"|< \\q\"]: illegal escape sequence"),
                Arguments.of("NewlineInQuotes", "labels.\"a\nb\"",
                        "filters: parse error: [labels. >|\"|< a\nb\"]: quoted literal not terminated"),
                Arguments.of("SingleQuotes", "labels.'a.b'", "filters: parse error: [labels. >|'|< a.b']: expected field or quoted"),
                Arguments.of("Backquotes", "labels.`a`", "filters: parse error: [labels. >|`|< a`]: expected field or quoted"),
                Arguments.of("OrBetweenFields", "name||x",
                        "filters: parse error: [name >|||< |x]: expected an operator (\"==\"|\"!=\"|\"~=\")"),
                Arguments.of("UnexpectedNullAfterValue", "name==a\u0000",
                        "filters: parse error: [name==a >|\u0000|< ]: unexpected input: \ufffd"),
                // a multi-byte rune is cut at its first byte as upstream does; the stray bytes read as U+FFFD
                Arguments.of("NonAsciiField", "labels.牛", "filters: parse error: [labels. >|\ufffd|< \ufffd\ufffd]: expected field or quoted"),
                Arguments.of("ErrorAfterNonAscii", "labels.\"牛\"==\"y\"?",
                        "filters: parse error: [labels.\"牛\"==\"y\" >|?|< ]: unexpected input: ?"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"upstreamErrors", "moreErrors"})
    void reports_parse_errors_like_upstream(String name, String input, String message) {
        assertThatThrownBy(() -> Filters.parse(input))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage(message);
        assertThatThrownBy(() -> Filters.parseAll(List.of("name", input)))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage(message + ": invalid argument")
                .cause().hasMessage(message);
    }

    @Test
    void operator_strings_match_upstream() {
        assertThat(Operator.PRESENT).hasToString("?");
        assertThat(Operator.EQUAL).hasToString("==");
        assertThat(Operator.NOT_EQUAL).hasToString("!=");
        assertThat(Operator.MATCHES).hasToString("~=");
    }

    @Test
    void parse_all_ors_the_strings_and_matches_everything_without_any() {
        assertThat(Filters.parseAll(List.of())).isEqualTo(Filters.always());
        assertThat(Filters.parseAll((List<String>) null)).isEqualTo(Filters.always());
        assertThat(Filters.parseAll()).isEqualTo(Filters.always());
        assertThat(matching(Filters.parseAll())).isEqualTo(ALL);
        assertThat(matching(Filters.parseAll("name==bar", "name==baz"))).containsExactly(1, 3, 6);
        assertThat(matching(Filters.parseAll("name==bar", "name==foo,labels.foo==true"))).containsExactly(0, 1, 3);
        assertThat(matching(Filters.parseAll("", "name==bar"))).isEqualTo(ALL);
        assertThat(matching(new Filter.Any(List.of()))).isEmpty();
        assertThat(matching(new Filter.All(List.of()))).isEqualTo(ALL);
    }

    @Test
    void parse_builds_the_ast() {
        assertThat(Filters.parse("")).isInstanceOf(Filter.Always.class);
        assertThat(Filters.parse("labels.\"a.b\".c==x,name,id~=/^a\\/b/")).isEqualTo(new Filter.All(List.of(
                new Selector(List.of("labels", "a.b", "c"), Operator.EQUAL, "x"),
                Selector.present(List.of("name")),
                new Selector(List.of("id"), Operator.MATCHES, "^a/b"))));
        // there is no || operator: after an operator, | is just part of the value
        assertThat(Filters.parse("name==a||name==b")).isEqualTo(new Filter.All(List.of(
                new Selector(List.of("name"), Operator.EQUAL, "a||name==b"))));
        // Go keeps the wrapped rune of an oversized \U escape and encodes it as U+FFFD
        assertThat(Filters.parse("name==\"\\UFFFFFFFF\"")).isEqualTo(new Filter.All(List.of(
                new Selector(List.of("name"), Operator.EQUAL, "\ufffd"))));
        assertThat(Filters.parseAll("a", "b!=c")).isEqualTo(new Filter.Any(List.of(
                new Filter.All(List.of(Selector.present(List.of("a")))),
                new Filter.All(List.of(new Selector(List.of("b"), Operator.NOT_EQUAL, "c"))))));
    }

    @Test
    void selector_validates_its_parts() {
        assertThatThrownBy(() -> new Selector(List.of(), Operator.EQUAL, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Selector(List.of("a"), Operator.PRESENT, null).value()).isEmpty();
        Adaptor nullAdaptor = path -> null;
        assertThat(Selector.present(List.of("a")).match(nullAdaptor)).isFalse();
        assertThat(new Selector(List.of("a"), Operator.NOT_EQUAL, "x").match(nullAdaptor)).isTrue();
    }

    /** A plugin, image or event as the List services expose them. */
    static Adaptor object(Map<String, String> fields, Map<String, String> labels) {
        return path -> path.getFirst().equals("labels")
                ? Adaptors.labels(labels, path.subList(1, path.size()))
                : Adaptors.nonEmpty(fields.get(String.join(".", path)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void common_service_filters(String filter, boolean expected) {
        Adaptor plugin = object(Map.of("type", "io.containerd.grpc.v1", "id", "overlayfs", "platforms", "linux/amd64",
                "name", "foobar", "topic", "/namespaces/create", "namespace", "default", "target.digest",
                "sha256:0123abcd"), Map.of("a.b", "x", "com.example/foo", "bar"));
        assertThat(Filters.parseAll(filter).match(plugin)).isEqualTo(expected);
    }

    static Stream<Arguments> common_service_filters() {
        return Stream.of(
                Arguments.of("type==io.containerd.grpc.v1", true),
                Arguments.of("type==io.containerd.grpc.v2", false),
                Arguments.of("id==overlayfs", true),
                Arguments.of("platforms==linux/amd64", true),
                Arguments.of("platforms==linux/arm64", false),
                Arguments.of("labels.\"a.b\"==x", true),
                Arguments.of("labels.a.b==x", true),
                Arguments.of("labels.\"com.example/foo\"==bar", true),
                Arguments.of("name~=^foo", true),
                Arguments.of("name~=^bar", false),
                Arguments.of("topic==\"/namespaces/create\",namespace==default", true),
                Arguments.of("topic~=\"^/namespaces/\",namespace!=default", false),
                Arguments.of("topic~=|^/namespaces/(create\\|update)$|", true),
                Arguments.of("target.digest==sha256:0123abcd", true),
                Arguments.of("target.digest~=^sha256:", true),
                Arguments.of("type==io.containerd.snapshotter.v1,id==overlayfs", false));
    }
}
