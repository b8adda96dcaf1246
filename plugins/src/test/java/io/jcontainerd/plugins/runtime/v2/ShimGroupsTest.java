package io.jcontainerd.plugins.runtime.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShimGroupsTest {
    private static final String RUNC = "io.containerd.runc.v2";

    private static byte[] spec(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the group {@code groups} places a task of {@code runtime} with {@code spec} in} */
    private static ShimGroup join(ShimGroups groups, String namespace, String runtime, byte[] spec) {
        return groups.place(namespace, runtime, spec).group();
    }

    @Test
    void tasksFillAGroupBeforeTheNextOneAndAFreedPlaceIsTakenFirst() {
        ShimGroups groups = new ShimGroups(2);
        byte[] spec = spec("{\"ociVersion\":\"1.0.2\"}");
        ShimGroup a = join(groups, "ns", RUNC, spec);
        ShimGroup b = join(groups, "ns", RUNC, spec);
        ShimGroup c = join(groups, "ns", RUNC, spec);
        assertThat(a).isEqualTo(b).isEqualTo(new ShimGroup("ns", 0));
        assertThat(c).isEqualTo(new ShimGroup("ns", 1));
        assertThat(join(groups, "other", RUNC, spec)).as("namespaces have their own").isEqualTo(new ShimGroup("other", 0));

        groups.leave(a);
        assertThat(join(groups, "ns", RUNC, spec)).isEqualTo(a);
        assertThat(join(groups, "ns", RUNC, spec)).isEqualTo(c);
        assertThat(join(groups, "ns", RUNC, spec)).isEqualTo(new ShimGroup("ns", 2));
    }

    @Test
    void tasksFoundOnRestartCountAgainstTheirGroup() {
        ShimGroups groups = new ShimGroups(2);
        groups.rejoin(new ShimGroup("ns", 0));
        groups.rejoin(new ShimGroup("ns", 0));
        assertThat(join(groups, "ns", RUNC, spec("{}"))).isEqualTo(new ShimGroup("ns", 1));
    }

    @Test
    void onlyRuncTasksWhoseSpecNamesNoGroupAreGrouped() {
        ShimGroups groups = new ShimGroups(16);
        assertThat(join(groups, "ns", "io.containerd.jrunc.v2", spec("{}"))).isNull();
        assertThat(join(groups, "ns", "/usr/bin/containerd-shim-runc-v2", spec("{}"))).isNull();
        assertThat(join(groups, "ns", RUNC, spec("{\"annotations\":{\"io.containerd.runc.v2.group\":\"mine\"}}"))).isNull();
        assertThat(join(groups, "ns", RUNC, spec("{\"annotations\":{\"io.kubernetes.cri.sandbox-id\":\"pod\"}}"))).isNull();
        assertThat(join(groups, "ns", RUNC, spec("[1]"))).as("no JSON object: runc reports it").isNull();
        assertThat(join(groups, "ns", RUNC, spec("{"))).isNull();
        assertThat(join(new ShimGroups(1), "ns", RUNC, spec("{}"))).as("a shim per task, as containerd").isNull();
    }

    /** The shim serves it with the group's others: it must count there, even past the size. */
    @Test
    void aSpecNamingOneOfOurGroupsJoinsIt() {
        ShimGroups groups = new ShimGroups(1);
        byte[] spec = spec("{\"annotations\":{\"io.containerd.runc.v2.group\":\"jcontainerd:0\"}}");
        assertThat(join(groups, "ns", RUNC, spec)).isEqualTo(new ShimGroup("ns", 0));
        ShimGroups sized = new ShimGroups(2);
        join(sized, "ns", RUNC, spec("{}"));
        join(sized, "ns", RUNC, spec);
        assertThat(join(sized, "ns", RUNC, spec)).as("counted past the size").isEqualTo(new ShimGroup("ns", 0));
        assertThat(join(sized, "ns", RUNC, spec("{}"))).isEqualTo(new ShimGroup("ns", 1));
    }

    @Test
    void theGroupIsNamedInTheSpecAndReadBackFromIt() {
        ShimGroups groups = new ShimGroups(1);
        ShimGroups.Placement placed = new ShimGroups(16).place("ns", RUNC, spec("{\"annotations\":{\"a\":\"b\"}}"));
        ShimGroup group = new ShimGroup("ns", 0);
        assertThat(placed.group()).isEqualTo(group);
        assertThat(BundleSpec.of(placed.spec()).annotations()).containsEntry("a", "b")
                .containsEntry("io.containerd.runc.v2.group", "jcontainerd:0");
        assertThat(ShimGroups.of("ns", placed.spec())).isEqualTo(group);
        byte[] named = spec("{\"annotations\":{\"io.containerd.runc.v2.group\":\"jcontainerd:3\"}}");
        assertThat(ShimGroups.of("ns", named)).isEqualTo(new ShimGroup("ns", 3));
        assertThat(groups.place("ns", RUNC, named).spec()).as("already named: left as given").isSameAs(named);
        assertThat(ShimGroups.of("ns", spec("{\"annotations\":{\"io.containerd.runc.v2.group\":\"mine\"}}"))).isNull();
        for (String other : new String[] {"jcontainerd:-1", "jcontainerd:01", "jcontainerd:+1", "jcontainerd:x", "jcontainerd:"}) {
            assertThat(ShimGroups.of("ns", spec("{\"annotations\":{\"io.containerd.runc.v2.group\":\"" + other + "\"}}")))
                    .as(other).isNull();
        }
        assertThat(ShimGroups.of("ns", spec("{}"))).isNull();
        byte[] alone = spec("{ }");
        assertThat(new ShimGroups(16).place("ns", "io.containerd.jrunc.v2", alone).spec()).isSameAs(alone);
    }

    @Test
    void aSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> new ShimGroups(0)).hasMessageContaining("shim_group_size must be at least 1");
    }
}
