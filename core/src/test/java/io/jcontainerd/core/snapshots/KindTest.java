package io.jcontainerd.core.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KindTest {
    /** ctr prints String(); filters and the JSON form use the lowercase names; anything else is Unknown. */
    @ParameterizedTest
    @CsvSource({
        "view, VIEW, View, view",
        "ACTIVE, ACTIVE, Active, active",
        "Committed, COMMITTED, Committed, committed",
        "bogus, UNKNOWN, Unknown, ''",
        "'', UNKNOWN, Unknown, ''"
    })
    void parses_like_upstream_and_prints_its_names(String text, Kind kind, String shown, String filterName) {
        assertThat(Kind.parse(text)).isEqualTo(kind);
        assertThat(kind.toString()).isEqualTo(shown);
        assertThat(kind.filterName()).isEqualTo(filterName);
    }
}
