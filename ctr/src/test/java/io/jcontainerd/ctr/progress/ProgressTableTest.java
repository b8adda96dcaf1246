package io.jcontainerd.ctr.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.ctr.Golden;
import io.jcontainerd.ctr.progress.ProgressStatus.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTableTest {
    private static final String MANIFEST = "manifest-sha256:6765f8a111ae4f6e5793aa9bbd151e3569b0e91c52b35cd3ecc6c5857e85992d";
    private static final String CONFIG = "config-sha256:7cad17a81675ebd8d21a02a6a5218786ecaeebcac569987ce1df48276e8d2087";

    @Test
    void aFetchFrameReadsAsCtrsCharacterForCharacter() {
        List<ProgressStatus> statuses = List.of(
                ProgressStatus.of("127.0.0.1:5123/test/img:1", State.RESOLVED),
                new ProgressStatus(MANIFEST, State.DONE, 747, 747),
                new ProgressStatus("layer-sha256:8d6b81c460d1613b385c09e1751be6d0029f23555157b6327d5f1c74158b430b",
                        State.DOWNLOADING, 900485, 900485),
                new ProgressStatus(CONFIG, State.DOWNLOADING, 0, 323),
                ProgressStatus.of("layer-sha256:89d3ed2b303e715fc02e9ad23b7acfc810a4fdcf68f501d6a25dbc876e2e05ad", State.WAITING),
                new ProgressStatus("layer-sha256:7945fd292566a47689ffa717fee1f0346adb9231073030094c440580fe6bc846",
                        State.DOWNLOADING, 600360, 600360));

        assertThat(ProgressTable.render(statuses, Duration.ofNanos(101_600_000)))
                .isEqualTo(Golden.read("progress/fetch-frame.txt"));
    }

    @Test
    void aPushSummaryReadsAsCtrs() {
        List<ProgressStatus> statuses = List.of(
                new ProgressStatus(MANIFEST, State.DONE, 747, 747),
                new ProgressStatus(CONFIG, State.DONE, 323, 323));

        assertThat(ProgressTable.render(statuses, Duration.ofNanos(102_400_000)))
                .isEqualTo(Golden.read("progress/push-final.txt"));
    }

    @Test
    void barsFillInProportionAndClampOutsideZeroToOne() {
        String green = "\u001b[32m";
        String reset = "\u001b[0m";
        assertThat(ProgressTable.bar(0)).isEqualTo("|" + green + reset + "-".repeat(38) + "|");
        assertThat(ProgressTable.bar(0.5)).isEqualTo("|" + green + "+".repeat(19) + reset + "-".repeat(19) + "|");
        assertThat(ProgressTable.bar(2)).isEqualTo(ProgressTable.bar(1));
        assertThat(ProgressTable.bar(-1)).isEqualTo(ProgressTable.bar(0));
    }

    @Test
    void bytesUseBinaryUnitsWithOneDecimalRoundedHalfToEven() {
        assertThat(ProgressTable.bytes(0)).isEqualTo("0.0 B");
        assertThat(ProgressTable.bytes(1023)).isEqualTo("1023.0 B");
        assertThat(ProgressTable.bytes(1536)).isEqualTo("1.5 KiB");
        // 1.25 KiB is exact in binary: Go rounds the tie to even
        assertThat(ProgressTable.bytes(1280)).isEqualTo("1.2 KiB");
        assertThat(ProgressTable.bytes(5L << 30)).isEqualTo("5.0 GiB");
    }

    @Test
    void theTotalIsCutToSixCharactersAsCtrsFormatDoes() {
        String table = ProgressTable.render(List.of(new ProgressStatus("x", State.DONE, 123_456_789, 123_456_789)),
                Duration.ofSeconds(12));
        // "117.7 MiB" cut to "117.7 ", right-aligned in seven columns
        assertThat(table).containsPattern("\nelapsed: 12.0s +total:  117.7  \\(9.8 MiB/s\\) +\n$");
    }
}
