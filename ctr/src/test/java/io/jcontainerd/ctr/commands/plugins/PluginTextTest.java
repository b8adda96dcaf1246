package io.jcontainerd.ctr.commands.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.image.Platform;
import io.jcontainerd.client.PluginError;
import io.jcontainerd.client.PluginInfo;
import io.jcontainerd.ctr.Golden;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginTextTest {
    private static final List<Platform> AMD64 = List.of(Platform.of("linux", "amd64", ""));
    private static final String SNAPSHOTTER = "io.containerd.snapshotter.v1";
    private static final PluginInfo CONTENT = plugin("io.containerd.content.v1", "content", List.of(), List.of(),
            Map.of(), null);
    private static final PluginInfo AUFS = plugin(SNAPSHOTTER, "aufs", List.of(), AMD64,
            Map.of("root", "/tmp/ctrexp/root/io.containerd.snapshotter.v1.aufs"),
            new PluginError(2, "aufs is not supported (modprobe aufs failed: exec: \"modprobe\": executable file not"
                    + " found in $PATH \"\"): skip plugin"));
    private static final PluginInfo DEVMAPPER = plugin(SNAPSHOTTER, "devmapper", List.of(), AMD64, Map.of(),
            new PluginError(2, "devmapper not configured"));
    private static final PluginInfo NATIVE = plugin(SNAPSHOTTER, "native", List.of(), AMD64, Map.of(), null);
    private static final PluginInfo LINUX = plugin("io.containerd.runtime.v1", "linux",
            List.of("io.containerd.event.v1", "io.containerd.metadata.v1"), AMD64, Map.of(), null);
    private static final PluginInfo GRPC_CONTENT = plugin("io.containerd.grpc.v1", "content", List.of(), List.of(),
            Map.of(), null);

    private static PluginInfo plugin(String type, String id, List<String> requires, List<Platform> platforms,
            Map<String, String> exports, PluginError error) {
        return new PluginInfo(type, id, requires, platforms, exports, List.of(), Optional.ofNullable(error));
    }

    @Test
    void tableMatchesCtr() {
        assertThat(PluginText.table(List.of(CONTENT, AUFS, DEVMAPPER, NATIVE, LINUX, GRPC_CONTENT)))
                .isEqualTo(Golden.read("plugins-table.txt"));
    }

    @Test
    void detailsMatchCtr() {
        assertThat(PluginText.details(List.of(AUFS, DEVMAPPER, NATIVE, LINUX)))
                .isEqualTo(Golden.read("plugins-detailed.txt"));
    }

    @Test
    void detailsSortExportsAndShowCapabilities() {
        // column 0 is "Capabilities:" + 4 wide; column 1 spans only the export lines
        PluginInfo bolt = new PluginInfo("io.containerd.metadata.v1", "bolt", List.of(), List.of(),
                Map.of("policy", "shared", "path", "/meta.db"), List.of("a", "b"), Optional.empty());
        assertThat(PluginText.details(List.of(bolt))).isEqualTo(
                "Type:" + " ".repeat(12) + " io.containerd.metadata.v1\n"
                + "ID:" + " ".repeat(14) + " bolt\n"
                + "Exports:" + " ".repeat(9) + "\n"
                + " ".repeat(17) + " path " + " ".repeat(6) + " /meta.db\n"
                + " ".repeat(17) + " policy " + " ".repeat(4) + " shared\n"
                + "Capabilities:" + " ".repeat(4) + " a,b\n");
    }

    @Test
    void platformsAreDistinctAndSorted() {
        PluginInfo p = plugin("t", "i", List.of(), List.of(Platform.of("linux", "arm64", "v8"),
                Platform.of("linux", "amd64", ""), Platform.of("linux", "arm64", "v8")), Map.of(), null);
        assertThat(PluginText.table(List.of(p))).contains("linux/amd64,linux/arm64/v8");
    }

    @Test
    void quietListsIds() {
        assertThat(PluginText.ids(List.of(CONTENT, AUFS))).isEqualTo("content\naufs\n");
    }
}
