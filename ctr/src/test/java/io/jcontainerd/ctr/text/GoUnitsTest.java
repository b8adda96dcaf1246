package io.jcontainerd.ctr.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cases from go-units' own tests. */
class GoUnitsTest {
    @Test
    void humanSize() {
        assertThat(GoUnits.humanSize(0)).isEqualTo("0B");
        assertThat(GoUnits.humanSize(13)).isEqualTo("13B");
        assertThat(GoUnits.humanSize(1000)).isEqualTo("1kB");
        assertThat(GoUnits.humanSize(1024)).isEqualTo("1.024kB");
        assertThat(GoUnits.humanSize(1_000_000)).isEqualTo("1MB");
        assertThat(GoUnits.humanSize(1_048_576)).isEqualTo("1.049MB");
        assertThat(GoUnits.humanSize(3_420_000_000L)).isEqualTo("3.42GB");
        assertThat(GoUnits.humanSize(999_999)).isEqualTo("1000kB");
    }

    @Test
    void humanDuration() {
        assertThat(GoUnits.humanDuration(Duration.ofMillis(500))).isEqualTo("Less than a second");
        assertThat(GoUnits.humanDuration(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(GoUnits.humanDuration(Duration.ofSeconds(15))).isEqualTo("15 seconds");
        assertThat(GoUnits.humanDuration(Duration.ofSeconds(90))).isEqualTo("About a minute");
        assertThat(GoUnits.humanDuration(Duration.ofMinutes(45))).isEqualTo("45 minutes");
        assertThat(GoUnits.humanDuration(Duration.ofMinutes(89))).isEqualTo("About an hour");
        assertThat(GoUnits.humanDuration(Duration.ofHours(47))).isEqualTo("47 hours");
        assertThat(GoUnits.humanDuration(Duration.ofHours(48))).isEqualTo("2 days");
        assertThat(GoUnits.humanDuration(Duration.ofDays(14))).isEqualTo("2 weeks");
        assertThat(GoUnits.humanDuration(Duration.ofDays(60))).isEqualTo("2 months");
        assertThat(GoUnits.humanDuration(Duration.ofDays(365 * 3))).isEqualTo("3 years");
    }
}
