package io.jcontainerd.ctr.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class GoTimeTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.999999999Z");

    @Test
    void rfc3339WritesZForUtcAndTheOffsetElsewhereDroppingFractions() {
        assertThat(GoTime.rfc3339(T, ZoneId.of("UTC"))).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(GoTime.rfc3339(T, ZoneId.of("Europe/London"))).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(GoTime.rfc3339(T, ZoneId.of("Asia/Kolkata"))).isEqualTo("2026-01-02T08:34:05+05:30");
        assertThat(GoTime.rfc3339(T, ZoneId.of("America/New_York"))).isEqualTo("2026-01-01T22:04:05-05:00");
    }

    @Test
    void utcStringIsGosTimeStringTrimmingTheFraction() {
        assertThat(GoTime.utcString(Instant.parse("2026-11-29T09:48:28.493132442Z")))
                .isEqualTo("2026-11-29 09:48:28.493132442 +0000 UTC");
        assertThat(GoTime.utcString(Instant.parse("2026-11-29T09:48:36.705543540Z")))
                .isEqualTo("2026-11-29 09:48:36.70554354 +0000 UTC");
        assertThat(GoTime.utcString(Instant.parse("2026-11-29T09:48:36Z"))).isEqualTo("2026-11-29 09:48:36 +0000 UTC");
        assertThat(GoTime.utcString(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01 00:00:00 +0000 UTC");
    }

    @Test
    void rfc3339NanoUtcIsHowGoJsonWritesATime() {
        assertThat(GoTime.rfc3339NanoUtc(Instant.parse("2023-05-06T07:08:09.100Z"))).isEqualTo("2023-05-06T07:08:09.1Z");
        assertThat(GoTime.rfc3339NanoUtc(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00Z");
    }

    @Test
    void durationsReadAsGosDurationString() {
        assertThat(GoTime.duration(java.time.Duration.ZERO)).isEqualTo("0s");
        assertThat(GoTime.duration(java.time.Duration.ofNanos(999))).isEqualTo("999ns");
        assertThat(GoTime.duration(java.time.Duration.ofNanos(12_300))).isEqualTo("12.3µs");
        assertThat(GoTime.duration(java.time.Duration.ofNanos(101_097_594))).isEqualTo("101.097594ms");
        assertThat(GoTime.duration(java.time.Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoTime.duration(java.time.Duration.ofSeconds(62))).isEqualTo("1m2s");
        assertThat(GoTime.duration(java.time.Duration.ofMinutes(61))).isEqualTo("1h1m0s");
    }
}
