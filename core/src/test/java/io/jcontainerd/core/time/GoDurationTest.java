package io.jcontainerd.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "10s, 10000000000",
        "1m30s, 90000000000",
        "1.5h, 5400000000000",
        "300ms, 300000000",
        "2us, 2000",
        "2µs, 2000",
        "7ns, 7",
        "-2s, -2000000000",
        "+3s, 3000000000",
        "1h2m3.5s, 3723500000000",
        ".5s, 500000000",
        "1.s, 1000000000",
        "0.0000000009s, 0",
        "-0, 0",
        "1.5m, 90000000000",
        "2μs, 2000",
        "1.000000000000000000000001s, 1000000000",
        "9223372036854775807ns, 9223372036854775807",
        "2562047h, 9223369200000000000",
    })
    void parsesGoSyntax(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1x", "10", "s", "1.5.5s", "1s2", "-", "1 s", ".s", "1d", "+",
            "9223372036854775808ns", "2562048h", "2562047h1h", "1.s.", "ms"})
    void rejectsWhatGoRejects(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("time: invalid duration ");
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "1, 1ns", "1500, 1.5µs", "100000000, 100ms", "1500000000, 1.5s",
            "120000000000, 2m0s", "3600000000000, 1h0m0s", "3723500000000, 1h2m3.5s", "-2000000, -2ms"})
    void formatsAsGoPrintsDurations(long nanos, String text) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }
}
