package io.jcontainerd.core.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdaptorsTest {
    @Test
    void labels_join_the_rest_of_the_path_with_dots() {
        Map<String, String> labels = Map.of("com.example.foo", "bar", "", "empty-key");
        assertThat(Adaptors.labels(labels, List.of("com", "example", "foo"))).contains("bar");
        assertThat(Adaptors.labels(labels, List.of("com.example.foo"))).contains("bar");
        assertThat(Adaptors.labels(labels, List.of("com.example"))).isEmpty();
        assertThat(Adaptors.labels(labels, List.of())).contains("empty-key");
        assertThat(Adaptors.labels(Map.of(), List.of("a"))).isEmpty();
        assertThat(Adaptors.labels(null, List.of("a"))).isEmpty();
    }

    @Test
    void non_empty_scalars_are_present() {
        assertThat(Adaptors.nonEmpty("x")).contains("x");
        assertThat(Adaptors.nonEmpty("")).isEmpty();
        assertThat(Adaptors.nonEmpty(null)).isEmpty();
    }
}
