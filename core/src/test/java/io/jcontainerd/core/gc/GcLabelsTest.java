package io.jcontainerd.core.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GcLabelsTest {
    @Test
    void content_and_snapshot_references_follow_containerds_key_rules() {
        Map<String, String> labels = new TreeMap<>(Map.of(
                "containerd.io/gc.ref.content", "sha256:a",
                "containerd.io/gc.ref.content.m.0", "sha256:b",
                "containerd.io/gc.ref.content/c", "sha256:c",
                "containerd.io/gc.ref.contentious", "sha256:ignored",
                "containerd.io/gc.ref.snapshot.overlayfs", "layer1",
                "containerd.io/gc.ref.snapshot.native/extra", "layer2",
                "other", "x"));
        assertThat(GcLabels.references("ns", labels)).containsExactlyInAnyOrder(
                Node.of(ResourceType.CONTENT, "ns", "sha256:a"),
                Node.of(ResourceType.CONTENT, "ns", "sha256:b"),
                Node.of(ResourceType.CONTENT, "ns", "sha256:c"),
                Node.of(ResourceType.SNAPSHOT, "ns", "overlayfs/layer1"),
                Node.of(ResourceType.SNAPSHOT, "ns", "native/layer2"));
    }

    @Test
    void roots_flat_and_expiry() {
        assertThat(GcLabels.isRoot(Map.of("containerd.io/gc.root", "2026-01-01T00:00:00Z"))).isTrue();
        assertThat(GcLabels.isRoot(Map.of())).isFalse();
        assertThat(GcLabels.isFlat(Map.of("containerd.io/gc.flat", ""))).isTrue();
        assertThat(GcLabels.expiry(Map.of("containerd.io/gc.expire", "2026-11-30T08:00:00+01:00")))
                .contains(Instant.parse("2026-11-30T07:00:00Z"));
        assertThat(GcLabels.expiry(Map.of("containerd.io/gc.expire", "tomorrow"))).isEmpty();
        assertThat(GcLabels.expiry(Map.of())).isEmpty();
    }
}
