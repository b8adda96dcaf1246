package io.jcontainerd.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.filters.Filters;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentAdaptorsTest {
    final Instant now = Instant.now();

    @Test
    void info_exposes_digest_and_labels_but_not_size() {
        Info info = new Info(Digest.fromString("x"), 1, now, now, Map.of("a.b", "c"));
        assertThat(Filters.parse("digest==" + info.digest()).match(ContentAdaptors.info(info))).isTrue();
        assertThat(Filters.parse("labels.\"a.b\"==c").match(ContentAdaptors.info(info))).isTrue();
        assertThat(Filters.parse("labels.a.b==c").match(ContentAdaptors.info(info))).isTrue();
        assertThat(Filters.parse("size").match(ContentAdaptors.info(info))).isFalse();
    }

    @Test
    void status_exposes_the_ref_only() {
        Status status = new Status("layer-1", 0, 0, null, now, now);
        assertThat(Filters.parse("ref~=^layer").match(ContentAdaptors.status(status))).isTrue();
        assertThat(Filters.parse("offset").match(ContentAdaptors.status(status))).isFalse();
    }
}
