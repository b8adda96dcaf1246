package io.jcontainerd.core.leases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaseIdsTest {
    @Test
    void generated_ids_have_containerds_shape_and_differ() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String id = LeaseIds.random();
            assertThat(id).matches("\\d{1,9}-[A-Za-z0-9_-]{4}");
            ids.add(id);
        }
        assertThat(ids).hasSizeGreaterThan(90);
    }
}
