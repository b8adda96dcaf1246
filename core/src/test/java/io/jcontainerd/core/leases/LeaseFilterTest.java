package io.jcontainerd.core.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseFilterTest {
    private static final Lease LABELLED = new Lease("pull-1", Instant.EPOCH,
            Map.of("containerd.io/gc.expire", "2030-01-01T00:00:00Z", "team", "infra"));
    private static final Lease BARE = new Lease("bare", Instant.EPOCH, Map.of());

    private static boolean matches(Lease lease, String... filters) {
        return LeaseFilter.parse(List.of(filters)).matches(lease);
    }

    @Test
    void leases_expose_id_and_labels() {
        assertThat(matches(LABELLED, "id==pull-1")).isTrue();
        assertThat(matches(LABELLED, "id~=^pull-")).isTrue();
        assertThat(matches(LABELLED, "labels.team==infra")).isTrue();
        assertThat(matches(LABELLED, "labels.\"containerd.io/gc.expire\"")).isTrue();
        assertThat(matches(BARE, "labels.team")).isFalse();
        assertThat(matches(BARE, "labels.team!=infra")).isTrue();
        // containerd's lease adaptor knows no other field
        assertThat(matches(LABELLED, "createdat")).isFalse();
    }

    @Test
    void strings_are_alternatives_and_selectors_within_one_all_apply() {
        assertThat(matches(BARE, "id==nope", "id==bare")).isTrue();
        assertThat(matches(LABELLED, "id==pull-1,labels.team==other")).isFalse();
        assertThat(matches(BARE)).isTrue();
        assertThat(matches(BARE, "")).isTrue();
    }

    @Test
    void parse_errors_are_wrapped_once_more_than_filters_wraps_them() {
        assertThatThrownBy(() -> LeaseFilter.parse(List.of("id==")))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("filters: parse error: [id==]: expected value or quoted: invalid argument: invalid argument");
    }
}
