package io.jcontainerd.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes as ctr prints them in `images ls` and `images check`. */
class HumanBytesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0|0.0 B",
            "612|612.0 B",
            "1023|1023.0 B",
            "1024|1.0 KiB",
            "20685|20.2 KiB",
            "1033421|1009.2 KiB",
            // an exact tie rounds to even like Go's %.1f: 1.25 -> 1.2, 1.75 -> 1.8
            "1280|1.2 KiB",
            "1792|1.8 KiB",
            "1048575|1024.0 KiB",
            "1048576|1.0 MiB",
            "2815696|2.7 MiB",
            "9223372036854775807|8.0 EiB",
            "-1|-1.0 B",
    })
    void formats_like_progress_bytes(long bytes, String text) {
        assertThat(HumanBytes.format(bytes)).isEqualTo(text);
    }
}
