package io.jcontainerd.ttrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.api.ttrpc.KeyValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

    @Test
    void groupsRepeatedKeysInArrivalOrder() {
        Metadata metadata = Metadata.of(List.of(pair("a", "1"), pair("b", "2"), pair("a", "3")));

        assertThat(metadata.entries()).containsExactly(Map.entry("a", List.of("1", "3")), Map.entry("b", List.of("2")));
        assertThat(metadata.first("a")).contains("1");
        assertThat(metadata.get("missing")).isEmpty();
    }

    @Test
    void looksKeysUpLowercasedLikeUpstream() {
        Metadata metadata = new Metadata(Map.of("containerd-namespace-ttrpc", List.of("k8s.io")));

        assertThat(metadata.first("Containerd-Namespace-Ttrpc")).contains("k8s.io");
    }

    @Test
    void sendsOnePairPerValue() {
        assertThat(new Metadata(Map.of("k", List.of("x", "y"))).toPairs()).containsExactly(pair("k", "x"), pair("k", "y"));
    }

    private static KeyValue pair(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
