package io.jcontainerd.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginLoaderTest {
    private static final PluginType STORE = new PluginType("test.store.v1");
    private static final PluginType SERVICE = new PluginType("test.service.v1");

    record StoreConfig(String policy) {
    }

    private final List<String> log = new ArrayList<>();

    private PluginLoader loader() {
        return new PluginLoader(Path.of("/r"), Path.of("/s"), Map.of("k", "v"),
                r -> r.hasConfig() ? r.configDefaults().get() : null,
                p -> log.add(p.registration().uri() + "=" + p.status().text()));
    }

    @Test
    void records_ok_skip_and_error_and_lets_later_plugins_see_earlier_ones() {
        var store = new Registration<>(STORE, "disk", List.of(), () -> new StoreConfig("shared"), ctx -> {
            ctx.meta().platform("linux/amd64").export("root", ctx.root().toString());
            return "store:" + ctx.config(StoreConfig.class).policy();
        });
        var skipped = Registration.of(STORE, "zfs", List.of(), ctx -> {
            throw new SkipPluginException("path /r must be a zfs filesystem");
        });
        var broken = Registration.of(STORE, "devmapper", List.of(), ctx -> {
            throw new IllegalStateException("devmapper not configured");
        });
        var service = Registration.of(SERVICE, "svc", List.of(STORE),
                ctx -> "svc(" + ctx.plugins().byType(STORE, String.class) + "," + ctx.property("k") + ")");

        PluginSet set = loader().load(List.of(service, store, skipped, broken), Set.of(), Set.of());

        assertThat(log).containsExactly("test.store.v1.disk=ok", "test.store.v1.zfs=skip",
                "test.store.v1.devmapper=error", "test.service.v1.svc=ok");
        assertThat(set.single(SERVICE, String.class)).isEqualTo("svc({disk=store:shared},v)");
        LoadedPlugin disk = set.all().getFirst();
        assertThat(disk.meta().exports()).containsEntry("root", "/r/test.store.v1.disk");
        assertThat(disk.meta().platforms()).containsExactly("linux/amd64");
        assertThat(set.all().get(2).error()).hasMessage("devmapper not configured");
    }

    @Test
    void a_required_plugin_that_fails_stops_the_load() {
        var broken = Registration.of(STORE, "disk", List.of(), ctx -> {
            throw new IllegalStateException("disk full");
        });
        assertThatThrownBy(() -> loader().load(List.of(broken), Set.of(), Set.of("test.store.v1.disk")))
                .isInstanceOf(RequiredPluginException.class)
                .hasMessage("load required plugin test.store.v1.disk: disk full");
    }

    @Test
    void a_required_plugin_that_is_disabled_or_unknown_stops_the_load() {
        var disk = Registration.of(STORE, "disk", List.of(), ctx -> "x");
        assertThatThrownBy(() -> loader().load(List.of(disk), Set.of("test.store.v1.disk"), Set.of("test.store.v1.disk")))
                .isInstanceOf(RequiredPluginException.class)
                .hasMessageContaining("not registered or is disabled");
        assertThatThrownBy(() -> loader().load(List.of(disk), Set.of(), Set.of("io.containerd.grpc.v1.cri")))
                .isInstanceOf(RequiredPluginException.class);
    }
}
