package io.jcontainerd.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.jcontainerd.core.content.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildGcLabelsTest {
    final Digest a = Digest.fromString("a");
    final Digest b = Digest.fromString("b");
    final Digest c = Digest.fromString("c");
    final Digest d = Digest.fromString("d");

    @Test
    void labels_reference_config_manifests_layers_and_others_numbered_like_upstream() {
        List<ImageDescriptor> children = List.of(
                ImageDescriptor.of(MediaTypes.OCI_CONFIG, a, 1),
                ImageDescriptor.of(MediaTypes.OCI_LAYER_GZIP, b, 1),
                ImageDescriptor.of(MediaTypes.DOCKER_LAYER, c, 1),
                ImageDescriptor.of("application/vnd.in-toto+json", d, 1),
                ImageDescriptor.of(MediaTypes.DOCKER_MANIFEST, a, 1));
        assertThat(ChildGcLabels.labels(children, ChildGcLabels::forChild)).containsExactly(
                entry("containerd.io/gc.ref.content.config", a.toString()),
                entry("containerd.io/gc.ref.content.l.0", b.toString()),
                entry("containerd.io/gc.ref.content.l.1", c.toString()),
                entry("containerd.io/gc.ref.content.0", d.toString()),
                entry("containerd.io/gc.ref.content.m.0", a.toString()));
        assertThat(ChildGcLabels.labels(children, ChildGcLabels::forChildExceptLayers)).containsOnlyKeys(
                "containerd.io/gc.ref.content.config", "containerd.io/gc.ref.content.0", "containerd.io/gc.ref.content.m.0");
    }

    @Test
    void a_repeated_unnumbered_key_is_numbered_from_its_second_use() {
        List<ImageDescriptor> twoConfigs = List.of(
                ImageDescriptor.of(MediaTypes.OCI_CONFIG, a, 1), ImageDescriptor.of(MediaTypes.DOCKER_CONFIG, b, 1));
        assertThat(ChildGcLabels.labels(twoConfigs, ChildGcLabels::forChild)).containsExactly(
                entry("containerd.io/gc.ref.content.config", a.toString()),
                entry("containerd.io/gc.ref.content.config1", b.toString()));
    }
}
