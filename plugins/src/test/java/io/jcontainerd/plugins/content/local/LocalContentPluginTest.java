package io.jcontainerd.plugins.content.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.plugin.InitContext;
import io.jcontainerd.core.plugin.PluginMeta;
import io.jcontainerd.core.plugin.PluginSet;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentPluginTest {
    @TempDir
    Path dir;

    @Test
    void registers_as_containerds_content_plugin_and_exports_its_root() throws Exception {
        Registration<ContentStore> registration = LocalContentPlugin.registration();
        assertThat(registration.uri()).isEqualTo("io.containerd.content.v1.content");
        assertThat(registration.type()).isEqualTo(PluginTypes.CONTENT);
        assertThat(registration.hasConfig()).isFalse();

        Path root = dir.resolve(registration.uri());
        PluginMeta meta = new PluginMeta();
        ContentStore store = registration.init().init(
                new InitContext(registration, root, dir.resolve("state"), null, meta, new PluginSet(), Map.of()));
        assertThat(store).isInstanceOf(LocalContentStore.class);
        assertThat(meta.exports()).containsExactly(Map.entry("root", root.toString()));
        assertThat(root.resolve("ingest")).isDirectory();
        assertThat(root.resolve("blobs")).isDirectory();
    }
}
