package io.jcontainerd.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Upstream's compare_test.go (TestOnly, TestOnlyStrict) plus the ordering the comparers give. */
class MatchComparerTest {
    static Stream<Arguments> only() {
        return Stream.of(
                Arguments.of("linux/amd64", List.of("linux/amd64", "linux/386"),
                        List.of("linux/amd64/v2", "linux/arm/v7", "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/amd64/v2", List.of("linux/amd64", "linux/amd64/v1", "linux/amd64/v2", "linux/386"),
                        List.of("linux/amd64/v3", "linux/amd64/v4", "linux/arm/v7", "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/386", List.of("linux/386"),
                        List.of("linux/amd64", "linux/arm/v7", "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("windows/amd64", List.of("windows/amd64"),
                        List.of("linux/amd64", "linux/arm/v7", "linux/arm64", "windows/arm")),
                Arguments.of("linux/arm/v8", List.of("linux/arm", "linux/arm/v5", "linux/arm/v6", "linux/arm/v7", "linux/arm/v8"),
                        List.of("linux/amd64", "linux/arm/v4", "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/arm/v7", List.of("linux/arm", "linux/arm/v5", "linux/arm/v6", "linux/arm/v7"),
                        List.of("linux/amd64", "linux/arm/v4", "linux/arm/v8", "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/arm/v6", List.of("linux/arm/v5", "linux/arm/v6"),
                        List.of("linux/amd64", "linux/arm", "linux/arm/v4", "linux/arm/v7", "linux/arm/v8", "linux/arm64",
                                "windows/amd64", "windows/arm")),
                Arguments.of("linux/arm/v5", List.of("linux/arm/v5"),
                        List.of("linux/amd64", "linux/arm", "linux/arm/v4", "linux/arm/v6", "linux/arm/v7", "linux/arm/v8",
                                "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/arm/v4", List.of("linux/arm/v4"),
                        List.of("linux/amd64", "linux/arm", "linux/arm/v5", "linux/arm/v6", "linux/arm/v7", "linux/arm/v8",
                                "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/arm64", List.of("linux/arm", "linux/arm/v5", "linux/arm/v6", "linux/arm/v7", "linux/arm/v8",
                                "linux/arm64", "linux/arm64/v8"),
                        List.of("linux/amd64", "linux/arm/v4", "linux/arm/v9", "linux/arm64/v9", "windows/amd64", "windows/arm")));
    }

    static Stream<Arguments> onlyStrict() {
        return Stream.of(
                Arguments.of("linux/amd64", List.of("linux/amd64"),
                        List.of("linux/386", "linux/arm/v7", "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/386", List.of("linux/386"),
                        List.of("linux/amd64", "linux/arm/v7", "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("windows/amd64", List.of("windows/amd64"),
                        List.of("linux/amd64", "linux/arm/v7", "linux/arm64", "windows/arm")),
                Arguments.of("linux/arm/v8", List.of("linux/arm/v8"),
                        List.of("linux/arm", "linux/arm/v5", "linux/arm/v6", "linux/arm/v7", "linux/amd64", "linux/arm/v4",
                                "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/arm/v7", List.of("linux/arm", "linux/arm/v7"),
                        List.of("linux/arm/v5", "linux/arm/v6", "linux/amd64", "linux/arm/v4", "linux/arm/v8", "linux/arm64",
                                "windows/amd64", "windows/arm")),
                Arguments.of("linux/arm/v6", List.of("linux/arm/v6"),
                        List.of("linux/arm/v5", "linux/amd64", "linux/arm", "linux/arm/v4", "linux/arm/v7", "linux/arm/v8",
                                "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/arm/v5", List.of("linux/arm/v5"),
                        List.of("linux/amd64", "linux/arm", "linux/arm/v4", "linux/arm/v6", "linux/arm/v7", "linux/arm/v8",
                                "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/arm/v4", List.of("linux/arm/v4"),
                        List.of("linux/amd64", "linux/arm", "linux/arm/v5", "linux/arm/v6", "linux/arm/v7", "linux/arm/v8",
                                "linux/arm64", "windows/amd64", "windows/arm")),
                Arguments.of("linux/arm64", List.of("linux/arm64", "linux/arm64/v8"),
                        List.of("linux/arm", "linux/arm/v5", "linux/arm/v6", "linux/arm/v7", "linux/arm/v8", "linux/amd64",
                                "linux/arm/v4", "linux/arm/v9", "linux/arm64/v9", "windows/amd64", "windows/arm")));
    }

    @ParameterizedTest(name = "Only({0})")
    @MethodSource("only")
    void only_matches_the_platform_and_what_it_can_also_run(String platform, List<String> yes, List<String> no) {
        assertMatches(Platforms::only, platform, yes, no);
    }

    @ParameterizedTest(name = "OnlyStrict({0})")
    @MethodSource("onlyStrict")
    void only_strict_matches_the_platform_alone(String platform, List<String> yes, List<String> no) {
        assertMatches(Platforms::onlyStrict, platform, yes, no);
    }

    static void assertMatches(Function<Platform, MatchComparer> of, String platform, List<String> yes, List<String> no) {
        MatchComparer m = of.apply(Platforms.parse(platform));
        assertThat(yes).allSatisfy(s -> assertThat(m.match(Platforms.parse(s))).as("%s matches %s", platform, s).isTrue());
        assertThat(no).allSatisfy(s -> assertThat(m.match(Platforms.parse(s))).as("%s matches %s", platform, s).isFalse());
    }

    @Test
    void only_prefers_the_platform_itself_then_older_variants_in_order() {
        MatchComparer arm64 = Platforms.only(Platforms.parse("linux/arm64"));
        List<String> sorted = Stream.of("linux/arm/v5", "windows/arm64", "linux/arm/v7", "linux/arm64", "linux/arm/v8")
                .map(Platforms::parse)
                .sorted((a, b) -> arm64.less(a, b) ? -1 : arm64.less(b, a) ? 1 : 0)
                .map(Platforms::format)
                .toList();
        assertThat(sorted).containsExactly("linux/arm64", "linux/arm/v8", "linux/arm/v7", "linux/arm/v5", "windows/arm64");

        MatchComparer amd64v3 = Platforms.only(Platforms.parse("linux/amd64/v3"));
        assertThat(amd64v3.less(Platforms.parse("linux/amd64/v2"), Platforms.parse("linux/386"))).isTrue();
        assertThat(amd64v3.less(Platforms.parse("linux/386"), Platforms.parse("linux/amd64"))).isFalse();
    }

    @Test
    void any_matches_each_platform_and_ranks_matched_before_unmatched_only() {
        MatchComparer any = Platforms.any(List.of(Platforms.parse("linux/amd64"), Platforms.parse("windows/amd64")));
        Platform linux = Platforms.parse("linux/amd64");
        Platform windows = Platforms.parse("windows/amd64");
        Platform arm = Platforms.parse("linux/arm64");
        assertThat(any.match(windows)).isTrue();
        assertThat(any.match(Platforms.parse("linux/386"))).isFalse();
        assertThat(any.less(linux, windows)).isFalse();
        assertThat(any.less(windows, linux)).isFalse();
        assertThat(any.less(windows, arm)).isTrue();
        assertThat(any.less(arm, windows)).isFalse();
    }

    @Test
    void ordered_ranks_by_position_and_all_matches_everything_unranked() {
        MatchComparer ordered = Platforms.ordered(List.of(Platforms.parse("windows/amd64"), Platforms.parse("linux/amd64")));
        assertThat(ordered.less(Platforms.parse("windows/amd64"), Platforms.parse("linux/amd64"))).isTrue();
        assertThat(ordered.less(Platforms.parse("linux/amd64"), Platforms.parse("windows/amd64"))).isFalse();
        assertThat(ordered.less(Platforms.parse("linux/amd64"), Platforms.parse("linux/arm64"))).isTrue();
        assertThat(Platforms.all().match(Platforms.parse("plan9/mips"))).isTrue();
        assertThat(Platforms.all().less(Platforms.parse("linux/amd64"), Platforms.parse("linux/arm64"))).isFalse();
    }
}
