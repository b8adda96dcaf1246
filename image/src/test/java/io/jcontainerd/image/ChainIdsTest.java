package io.jcontainerd.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.content.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image-spec identity test's shape, with real digests (ours are validated) and values from sha256sum. */
class ChainIdsTest {
    // sha256 of "a", "b", "c"
    static final Digest A = Digest.parse("sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    static final Digest B = Digest.parse("sha256:3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d");
    static final Digest C = Digest.parse("sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6");
    // printf '%s' "$A $B" | sha256sum, then printf '%s' "$AB $C" | sha256sum
    static final Digest AB = Digest.parse("sha256:51c0c8ace48498d6f5fee6b0592cc06f2da0f3cbe09c5a34a97dce85c3889676");
    static final Digest ABC = Digest.parse("sha256:2fce7f8ce91bcf0a1428b36e1024639fdbd9469eea762dba98aa749631885106");

    @Test
    void the_first_chain_id_is_the_base_diff_id_and_each_next_hashes_parent_and_child() {
        assertThat(ChainIds.of(List.of())).isEmpty();
        assertThat(ChainIds.of(List.of(A))).containsExactly(A);
        assertThat(ChainIds.of(List.of(A, B))).containsExactly(A, AB);
        assertThat(ChainIds.of(List.of(A, B, C))).containsExactly(A, AB, ABC);
    }

    @Test
    void the_chain_id_is_the_last_one() {
        assertThat(ChainIds.chainId(List.of())).isEmpty();
        assertThat(ChainIds.chainId(List.of(A))).contains(A);
        assertThat(ChainIds.chainId(List.of(A, B, C))).contains(ABC);
    }
}
