package io.jcontainerd.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's platforms_test.go and defaults_unix_test.go, case for case, on this linux/amd64 host. */
class PlatformsTest {
    static final String OS = HostPlatform.get().os();
    static final String ARCH = HostPlatform.get().architecture();

    static Platform p(String os, String arch) {
        return Platform.of(os, arch);
    }

    static Platform p(String os, String arch, String variant) {
        return Platform.of(os, arch, variant);
    }

    /** input, expected, other spellings the parsed platform must match, formatted. */
    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of("linux/arm64", p("linux", "arm64"),
                        List.of(p("linux", "aarch64"), p("linux", "aarch64", "v8"), p("linux", "arm64", "v8")), "linux/arm64"),
                Arguments.of("linux/arm64/v8", p("linux", "arm64", "v8"),
                        List.of(p("linux", "aarch64"), p("linux", "aarch64", "v8"), p("linux", "arm64")), "linux/arm64/v8"),
                // most arm images are v7, so the variant is left blank
                Arguments.of("linux/arm", p("linux", "arm"),
                        List.of(p("linux", "arm", "v7"), p("linux", "armhf"), p("linux", "arm", "7")), "linux/arm"),
                Arguments.of("linux/arm/v6", p("linux", "arm", "v6"), List.of(p("linux", "armel")), "linux/arm/v6"),
                Arguments.of("linux/arm/v7", p("linux", "arm", "v7"),
                        List.of(p("linux", "arm"), p("linux", "armhf")), "linux/arm/v7"),
                Arguments.of("arm", p(OS, "arm"), List.of(), OS + "/arm"),
                Arguments.of("armel", p(OS, "arm", "v6"), List.of(), OS + "/arm/v6"),
                Arguments.of("armhf", p(OS, "arm"), List.of(), OS + "/arm"),
                Arguments.of("Aarch64", p(OS, "arm64"), List.of(), OS + "/arm64"),
                Arguments.of("x86_64", p(OS, "amd64"), List.of(), OS + "/amd64"),
                Arguments.of("Linux/x86_64", p("linux", "amd64"), List.of(), "linux/amd64"),
                Arguments.of("i386", p(OS, "386"), List.of(), OS + "/386"),
                Arguments.of("linux", p("linux", ARCH), List.of(), "linux/" + ARCH),
                Arguments.of("s390x", p(OS, "s390x"), List.of(), OS + "/s390x"),
                Arguments.of("linux/s390x", p("linux", "s390x"), List.of(), "linux/s390x"),
                Arguments.of("macOS", p("darwin", ARCH), List.of(), "darwin/" + ARCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectors")
    void parses_matches_formats_and_round_trips(String input, Platform expected, List<Platform> matches, String formatted) {
        Platform parsed = Platforms.parse(input);
        assertThat(parsed).isEqualTo(expected);
        PlatformMatcher m = Platforms.newMatcher(parsed);
        assertThat(m.match(expected)).isTrue();
        assertThat(matches).allSatisfy(other -> assertThat(m.match(other)).as("%s matches %s", input, other).isTrue());
        assertThat(Platforms.format(parsed)).isEqualTo(formatted);
        assertThat(Platforms.format(Platforms.parse(formatted))).isEqualTo(formatted);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "''|'\"\" is an invalid component of \"\": platform specifier component must match \"^[A-Za-z0-9_-]+$\": invalid argument'",
            "/linux/arm|'\"\" is an invalid component of \"/linux/arm\": platform specifier component must match \"^[A-Za-z0-9_-]+$\": invalid argument'",
            "linux/arm/|'\"\" is an invalid component of \"linux/arm/\": platform specifier component must match \"^[A-Za-z0-9_-]+$\": invalid argument'",
            "linux /arm|'\"linux \" is an invalid component of \"linux /arm\": platform specifier component must match \"^[A-Za-z0-9_-]+$\": invalid argument'",
            "linux/&arm|'\"&arm\" is an invalid component of \"linux/&arm\": platform specifier component must match \"^[A-Za-z0-9_-]+$\": invalid argument'",
            "linux/arm/foo/bar|'\"linux/arm/foo/bar\": cannot parse platform specifier: invalid argument'",
            "linux/*|'\"linux/*\": wildcards not yet supported: invalid argument'",
            "foo|'\"foo\": unknown operating system or architecture: invalid argument'",
    })
    void rejects_bad_specifiers_with_upstreams_message(String input, String message) {
        assertThatThrownBy(() -> Platforms.parse(input))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage(message);
    }

    @Test
    void a_trailing_newline_is_not_part_of_a_valid_component() {
        assertThatThrownBy(() -> Platforms.parse("linux/amd64\n")).isInstanceOf(ErrdefsException.class);
    }

    @ParameterizedTest(name = "{0}/{1}/{2} -> {3}/{4}/{5}")
    @CsvSource(delimiter = '|', value = {
            "linux|x86_64||linux|amd64|",
            "linux|x86-64|v1|linux|amd64|",
            "linux|amd64|v3|linux|amd64|v3",
            "linux|i386|v9|linux|386|",
            "Linux|AARCH64|8|linux|arm64|",
            "linux|arm64|v8|linux|arm64|",
            "linux|arm64|v9|linux|arm64|v9",
            "linux|armhf||linux|arm|v7",
            "linux|armel||linux|arm|v6",
            "linux|arm||linux|arm|v7",
            "linux|arm|7|linux|arm|v7",
            "linux|arm|5|linux|arm|v5",
            "linux|arm|v4|linux|arm|v4",
            "macos|amd64||darwin|amd64|",
            "|amd64||linux|amd64|",
            "windows|riscv64||windows|riscv64|",
    })
    void normalizes_aliases(String os, String arch, String variant, String wantOs, String wantArch, String wantVariant) {
        Platform in = new Platform(os, arch, variant, "10.0.17763", List.of("win32k"));
        assertThat(Platforms.normalize(in))
                .isEqualTo(new Platform(wantOs, wantArch, wantVariant, "10.0.17763", List.of("win32k")));
    }

    @ParameterizedTest(name = "{0}/{1}/{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "linux|amd64||linux/amd64",
            "linux|arm64|v8|linux/arm64/v8",
            "linux|||linux",
            "linux||v7|linux/v7",
            "||v7|unknown",
            "linux|../../x||../x",
            "linux|a//b|./c|linux/a/b/c",
    })
    void formats_like_go_path_join(String os, String arch, String variant, String formatted) {
        assertThat(Platforms.format(p(os, arch, variant))).isEqualTo(formatted);
    }

    @Test
    void default_is_the_host_and_its_string_the_formatted_host() {
        assertThat(Platforms.defaultString()).isEqualTo(Platforms.format(Platforms.defaultSpec()));
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "the rest holds on amd64 hosts");
        assertThat(Platforms.defaultSpec()).isEqualTo(p("linux", "amd64"));
        assertThat(Platforms.defaultString()).isEqualTo("linux/amd64");
        assertThat(Platforms.defaultMatcher().match(p("linux", "386"))).isTrue();
        assertThat(Platforms.defaultStrict().match(p("linux", "386"))).isFalse();
    }
}
