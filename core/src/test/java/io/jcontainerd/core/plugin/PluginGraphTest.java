package io.jcontainerd.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PluginGraphTest {
    private static final PluginType A = new PluginType("test.a.v1");
    private static final PluginType B = new PluginType("test.b.v1");
    private static final PluginType C = new PluginType("test.c.v1");

    private static Registration<?> reg(PluginType type, String id, PluginType... requires) {
        return Registration.of(type, id, List.of(requires), ctx -> id);
    }

    private static List<String> uris(List<Registration<?>> rs) {
        return rs.stream().map(Registration::uri).toList();
    }

    @Test
    void dependencies_come_first_and_declaration_order_is_kept_otherwise() {
        var grpc = reg(C, "api", B);
        var service = reg(B, "svc", A);
        var store1 = reg(A, "one");
        var store2 = reg(A, "two");
        var other = reg(C, "other");
        var ordered = PluginGraph.order(List.of(grpc, other, service, store1, store2), r -> false);
        assertThat(uris(ordered)).containsExactly(
                "test.a.v1.one", "test.a.v1.two", "test.b.v1.svc", "test.c.v1.api", "test.c.v1.other");
    }

    @Test
    void wildcard_requires_everything_else() {
        var all = reg(C, "introspect", PluginType.ANY);
        var x = reg(A, "x");
        var y = reg(B, "y");
        assertThat(uris(PluginGraph.order(List.of(all, x, y), r -> false)))
                .containsExactly("test.a.v1.x", "test.b.v1.y", "test.c.v1.introspect");
    }

    @Test
    void disabled_plugins_are_left_out() {
        var x = reg(A, "x");
        var y = reg(B, "y", A);
        assertThat(uris(PluginGraph.order(List.of(x, y), r -> r.id().equals("x")))).containsExactly("test.b.v1.y");
    }

    @Test
    void duplicates_and_cycles_fail_at_startup() {
        assertThatThrownBy(() -> PluginGraph.order(List.of(reg(A, "x"), reg(A, "x")), r -> false))
                .hasMessageContaining("registered twice");
        assertThatThrownBy(() -> PluginGraph.order(List.of(reg(A, "x", B), reg(B, "y", A)), r -> false))
                .hasMessageContaining("cycle");
        assertThatThrownBy(() -> reg(A, "self", A)).hasMessageContaining("requires its own type");
    }
}
