package io.jcontainerd.plugins.runtime.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShimGroupsTest {
    private static final String RUNC = "io.containerd.runc.v2";

    private static BundleSpec spec(String json) {
        return BundleSpec.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tasksFillAGroupBeforeTheNextOneAndAFreedPlaceIsTakenFirst() {
        ShimGroups groups = new ShimGroups(2);
        BundleSpec spec = spec("{\"ociVersion\":\"1.0.2\"}");
        ShimGroup a = groups.join("ns", RUNC, spec);
        ShimGroup b = groups.join("ns", RUNC, spec);
        ShimGroup c = groups.join("ns", RUNC, spec);
        assertThat(a).isEqualTo(b).isEqualTo(new ShimGroup("ns", 0));
        assertThat(c).isEqualTo(new ShimGroup("ns", 1));
        assertThat(groups.join("other", RUNC, spec)).as("namespaces have their own").isEqualTo(new ShimGroup("other", 0));

        groups.leave(a);
        assertThat(groups.join("ns", RUNC, spec)).isEqualTo(a);
        assertThat(groups.join("ns", RUNC, spec)).isEqualTo(c);
        assertThat(groups.join("ns", RUNC, spec)).isEqualTo(new ShimGroup("ns", 2));
    }

    @Test
    void tasksFoundOnRestartCountAgainstTheirGroup() {
        ShimGroups groups = new ShimGroups(2);
        groups.rejoin(new ShimGroup("ns", 0));
        groups.rejoin(new ShimGroup("ns", 0));
        assertThat(groups.join("ns", RUNC, spec("{}"))).isEqualTo(new ShimGroup("ns", 1));
    }

    @Test
    void onlyRuncTasksWhoseSpecNamesNoGroupAreGrouped() {
        ShimGroups groups = new ShimGroups(16);
        assertThat(groups.join("ns", "io.containerd.jrunc.v2", spec("{}"))).isNull();
        assertThat(groups.join("ns", "/usr/bin/containerd-shim-runc-v2", spec("{}"))).isNull();
        assertThat(groups.join("ns", RUNC, spec("{\"annotations\":{\"io.containerd.runc.v2.group\":\"mine\"}}"))).isNull();
        assertThat(groups.join("ns", RUNC, spec("{\"annotations\":{\"io.kubernetes.cri.sandbox-id\":\"pod\"}}"))).isNull();
        assertThat(groups.join("ns", RUNC, spec("[1]"))).as("no JSON object: runc reports it").isNull();
        assertThat(groups.join("ns", RUNC, spec("{"))).isNull();
        assertThat(new ShimGroups(1).join("ns", RUNC, spec("{}"))).as("a shim per task, as containerd").isNull();
    }

    /** The shim serves it with the group's others: it must count there, even past the size. */
    @Test
    void aSpecNamingOneOfOurGroupsJoinsIt() {
        ShimGroups groups = new ShimGroups(1);
        BundleSpec spec = spec("{\"annotations\":{\"io.containerd.runc.v2.group\":\"jcontainerd:0\"}}");
        assertThat(groups.join("ns", RUNC, spec)).isEqualTo(new ShimGroup("ns", 0));
        ShimGroups sized = new ShimGroups(2);
        sized.join("ns", RUNC, spec("{}"));
        sized.join("ns", RUNC, spec);
        assertThat(sized.join("ns", RUNC, spec)).as("counted past the size").isEqualTo(new ShimGroup("ns", 0));
        assertThat(sized.join("ns", RUNC, spec("{}"))).isEqualTo(new ShimGroup("ns", 1));
    }

    @Test
    void theGroupIsNamedInTheSpecAndReadBackFromIt() {
        ShimGroup group = new ShimGroup("ns", 3);
        BundleSpec named = ShimGroups.name(spec("{\"annotations\":{\"a\":\"b\"}}"), group);
        assertThat(named.annotations()).containsEntry("a", "b").containsEntry("io.containerd.runc.v2.group", "jcontainerd:3");
        assertThat(ShimGroups.of("ns", named)).isEqualTo(group);
        assertThat(ShimGroups.of("ns", spec("{\"annotations\":{\"io.containerd.runc.v2.group\":\"mine\"}}"))).isNull();
        for (String other : new String[] {"jcontainerd:-1", "jcontainerd:01", "jcontainerd:+1", "jcontainerd:x", "jcontainerd:"}) {
            assertThat(ShimGroups.of("ns", spec("{\"annotations\":{\"io.containerd.runc.v2.group\":\"" + other + "\"}}")))
                    .as(other).isNull();
        }
        assertThat(ShimGroups.of("ns", spec("{}"))).isNull();
        assertThat(ShimGroups.name(spec("{}"), null).bytes()).asString(StandardCharsets.UTF_8).isEqualTo("{}");
    }

    @Test
    void aSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> new ShimGroups(0)).hasMessageContaining("shim_group_size must be at least 1");
    }
}
