package io.jcontainerd.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.image.reference.ReferenceSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributionSourceTest {
    static final String KEY = "containerd.io/distribution.source.registry.test";

    @Test
    void the_label_lists_repositories_sorted_once() {
        ReferenceSpec spec = ReferenceSpec.parse("registry.test:5000/team/b:v1");
        assertThat(DistributionSource.labelKey(spec)).isEqualTo(KEY);
        assertThat(DistributionSource.append("", spec)).isEqualTo("team/b");
        assertThat(DistributionSource.append("z/z,team/b,a/a", spec)).isEqualTo("a/a,team/b,z/z");
        assertThat(DistributionSource.labelKey(ReferenceSpec.parse("[::1]:5000/x:y"))).isEqualTo("containerd.io/distribution.source.::1");
    }

    @Test
    void mounts_from_the_source_sharing_the_longest_prefix_never_the_target() {
        ReferenceSpec target = ReferenceSpec.parse("registry.test/team/app/web:v1");
        assertThat(DistributionSource.mountCandidate(target, Map.of(KEY, "other/x,team/app/api,team/lib"))).isEqualTo("team/app/api");
        assertThat(DistributionSource.mountCandidate(target, Map.of(KEY, "team/app/web"))).isEmpty();
        assertThat(DistributionSource.mountCandidate(target, Map.of("containerd.io/distribution.source.elsewhere", "team/x"))).isEmpty();
        // no shared component still mounts (within one registry the blob is there), the last on ties
        assertThat(DistributionSource.mountCandidate(target, Map.of(KEY, "a/b,c/d"))).isEqualTo("c/d");
    }

    @Test
    void manifests_are_tagged_with_the_references_tag_unless_it_pins_another_digest() {
        Digest d = Digest.fromString("manifest");
        Digest other = Digest.fromString("other");
        assertThat(DockerPusher.manifestName(ReferenceSpec.parse("r.test/a:v1"), d)).isEqualTo("v1");
        assertThat(DockerPusher.manifestName(ReferenceSpec.parse("r.test/a:v1@" + d), d)).isEqualTo("v1");
        assertThat(DockerPusher.manifestName(ReferenceSpec.parse("r.test/a:v1@" + other), d)).isEqualTo(d.toString());
        assertThat(DockerPusher.manifestName(ReferenceSpec.parse("r.test/a@" + d), d)).isEqualTo(d.toString());
    }
}
