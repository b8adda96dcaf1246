package io.jcontainerd.ctr.commands.leases;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.ctr.Golden;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseTextTest {
    /** The leases behind golden/leases-table.txt (ctr run with TZ=Asia/Kolkata), in the server's order. */
    private static final Instant CREATED = Instant.parse("2026-11-29T09:53:51.123456789Z");
    private static final List<Lease> LEASES = List.of(
            new Lease("golden-a", CREATED, Map.of()),
            new Lease("golden-b", CREATED, Map.of("z", "1", "a", "x,y", "k", "v w")),
            new Lease("uni2", CREATED, Map.of("ключ", "значение", "é", "1", "z", "ü", "a", "日本")),
            new Lease("yy", CREATED, Map.of(Lease.EXPIRE_LABEL, "2026-11-29T11:53:51Z")));

    @Test
    void tableMatchesCtrInTheLocalZone() {
        assertThat(LeaseText.table(LEASES, ZoneId.of("Asia/Kolkata"))).isEqualTo(Golden.read("leases-table.txt"));
    }

    @Test
    void emptyTableIsTheHeader() {
        assertThat(LeaseText.table(List.of(), ZoneId.of("UTC"))).isEqualTo("ID CREATED AT LABELS \n");
    }

    @Test
    void quietListsIds() {
        assertThat(LeaseText.ids(LEASES)).isEqualTo("golden-a\ngolden-b\nuni2\nyy\n");
    }
}
