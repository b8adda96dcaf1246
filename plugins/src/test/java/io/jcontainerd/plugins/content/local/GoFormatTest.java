package io.jcontainerd.plugins.content.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoFormatTest {
    @Test
    void durations_print_as_go_does() {
        assertThat(GoFormat.duration(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoFormat.duration(Duration.ofNanos(850))).isEqualTo("850ns");
        assertThat(GoFormat.duration(Duration.ofNanos(1_500))).isEqualTo("1.5µs");
        assertThat(GoFormat.duration(Duration.ofNanos(1_234_567))).isEqualTo("1.234567ms");
        assertThat(GoFormat.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoFormat.duration(Duration.ofSeconds(123, 250_000_000))).isEqualTo("2m3.25s");
        assertThat(GoFormat.duration(Duration.ofHours(1))).isEqualTo("1h0m0s");
        assertThat(GoFormat.duration(Duration.ofMillis(-2))).isEqualTo("-2ms");
    }

    @Test
    void times_print_as_go_does_without_the_monotonic_reading() {
        String text = GoFormat.time(Instant.parse("2024-03-05T06:07:08.120Z"));
        assertThat(text).matches("2024-03-0\\d \\d\\d:\\d\\d:08\\.12 [+-]\\d{4} \\S+");
        assertThat(GoFormat.time(Instant.parse("2024-03-05T06:07:08Z"))).matches("\\S+ \\d\\d:\\d\\d:08 [+-]\\d{4} \\S+");
    }
}
