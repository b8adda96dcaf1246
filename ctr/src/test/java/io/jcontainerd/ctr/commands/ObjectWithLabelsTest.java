package io.jcontainerd.ctr.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectWithLabelsTest {
    @Test
    void firstArgumentIsTheNameTheRestAreLabels() {
        ObjectWithLabels parsed = ObjectWithLabels.parse(List.of("ns", "a=1", "flag", "empty=", "eq=x=y", "a=2"));
        assertThat(parsed.name()).isEqualTo("ns");
        assertThat(parsed.labels()).containsExactly(
                Map.entry("a", "2"), Map.entry("flag", "true"), Map.entry("empty", ""), Map.entry("eq", "x=y"));
    }

    @Test
    void noArgumentsMeansNoName() {
        assertThat(ObjectWithLabels.parse(List.of())).isEqualTo(new ObjectWithLabels("", Map.of()));
    }

    @Test
    void bareKeysCanMeanTheEmptyValue() {
        assertThat(ObjectWithLabels.labels(List.of("a=1", "bare", "eq=x=y"), ""))
                .containsExactly(Map.entry("a", "1"), Map.entry("bare", ""), Map.entry("eq", "x=y"));
    }
}
