package io.jcontainerd.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    record GcConfig(double pauseThreshold, int deletionThreshold, String scheduleDelay) {
        static GcConfig defaults() {
            return new GcConfig(0.02, 0, "0s");
        }
    }

    record BoltConfig(String contentSharingPolicy) {
        BoltConfig {
            if (!contentSharingPolicy.equals("shared") && !contentSharingPolicy.equals("isolated")) {
                throw new IllegalArgumentException("unknown policy: " + contentSharingPolicy);
            }
        }
    }

    private final Registration<String> gc = new Registration<>(PluginTypes.GC, "scheduler", List.of(),
            GcConfig::defaults, ctx -> "gc");
    private final Registration<String> bolt = new Registration<>(PluginTypes.METADATA, "bolt", List.of(),
            () -> new BoltConfig("shared"), ctx -> "bolt");
    private final ConfigLoader loader = new ConfigLoader(List.of(gc, bolt));

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void file_values_override_defaults_and_everything_else_keeps_its_default() throws Exception {
        LoadedConfig loaded = loader.load(write("config.toml", """
                version = 2
                root = "/tmp/r"
                [grpc]
                  address = "/tmp/r/c.sock"
                  uid = 12
                [plugins."io.containerd.gc.v1.scheduler"]
                  deletion_threshold = 7
                """), true);
        DaemonConfig c = loaded.config();
        assertThat(c.root()).isEqualTo("/tmp/r");
        assertThat(c.state()).isEqualTo(DaemonConfig.DEFAULT_STATE);
        assertThat(c.grpc().address()).isEqualTo("/tmp/r/c.sock");
        assertThat(c.grpc().uid()).isEqualTo(12);
        assertThat(c.grpc().maxRecvMessageSize()).isEqualTo(16 << 20);
        assertThat(c.ttrpcAddress()).isEqualTo("/tmp/r/c.sock.ttrpc");
        assertThat(c.timeouts()).containsEntry("io.containerd.timeout.shim.load", "5s");
        GcConfig g = (GcConfig) loader.pluginConfig(gc, c, new ArrayList<>());
        assertThat(g).isEqualTo(new GcConfig(0.02, 7, "0s"));
        assertThat(loader.pluginConfig(bolt, c, new ArrayList<>())).isEqualTo(new BoltConfig("shared"));
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void unknown_keys_and_plugins_warn_and_do_not_fail() throws Exception {
        LoadedConfig loaded = loader.load(write("config.toml", """
                version = 2
                surprise = 1
                [grpc]
                  nonsense = true
                [plugins."io.containerd.grpc.v1.cri"]
                  sandbox_image = "k8s.gcr.io/pause:3.2"
                [plugins."io.containerd.gc.v1.scheduler"]
                  mutation_threshold = 100
                """), true);
        assertThat(loaded.warnings()).containsExactlyInAnyOrder(
                "unknown key surprise",
                "unknown key grpc.nonsense",
                "unknown plugin \"io.containerd.grpc.v1.cri\": its settings are ignored",
                "unknown key plugins.\"io.containerd.gc.v1.scheduler\".mutation_threshold");
    }

    @Test
    void syntax_errors_name_the_file_and_line() throws Exception {
        Path bad = write("bad.toml", "version = 2\n[grpc]\n  address = \"unterminated\n");
        assertThatThrownBy(() -> loader.load(bad, true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(bad + ":3");
    }

    @Test
    void wrong_types_and_invalid_plugin_values_are_fatal_with_their_path() throws Exception {
        assertThatThrownBy(() -> loader.load(write("a.toml", "version = 2\n[grpc]\nuid = \"root\"\n"), true))
                .hasMessage("grpc.uid: expected an integer, got string \"root\"");
        assertThatThrownBy(() -> loader.load(write("b.toml", """
                version = 2
                [plugins."io.containerd.metadata.v1.bolt"]
                content_sharing_policy = "everything"
                """), true))
                .hasMessage("invalid plugins.\"io.containerd.metadata.v1.bolt\": unknown policy: everything");
    }

    @Test
    void missing_file_is_fine_at_the_default_path_and_fatal_when_named() throws Exception {
        Path missing = dir.resolve("nope.toml");
        assertThat(loader.load(missing, false).config()).isEqualTo(loader.fromTree(Map.of()).config());
        assertThatThrownBy(() -> loader.load(missing, true)).hasMessageContaining("no such file");
    }

    @Test
    void imports_merge_in_order_over_the_main_file() throws Exception {
        write("10-a.toml", "[grpc]\naddress = \"/a.sock\"\nuid = 5\n");
        write("20-b.toml", "[grpc]\naddress = \"/b.sock\"\n");
        LoadedConfig loaded = loader.load(write("config.toml", """
                version = 2
                imports = ["*-?.toml"]
                [grpc]
                  gid = 9
                """), true);
        assertThat(loaded.config().grpc().address()).isEqualTo("/b.sock");
        assertThat(loaded.config().grpc().uid()).isEqualTo(5);
        assertThat(loaded.config().grpc().gid()).isEqualTo(9);
    }

    @Test
    void version_1_files_key_plugins_by_id() throws Exception {
        LoadedConfig loaded = loader.load(write("v1.toml", "[plugins.scheduler]\ndeletion_threshold = 3\n"), true);
        assertThat(loaded.config().version()).isEqualTo(1);
        assertThat(loader.pluginConfig(gc, loaded.config(), new ArrayList<>()))
                .isEqualTo(new GcConfig(0.02, 3, "0s"));
    }

    @Test
    void seed_config_loads_with_warnings_only() throws Exception {
        Path seed = Path.of(System.getProperty("user.dir")).resolve("../../shared/seed/000_c022ff9dfb02f5e9.txt");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(seed), "shared/seed not present");
        String doc = Files.readString(seed);
        int start = doc.indexOf("version = 2");
        int end = doc.indexOf("root@hello:~# \n```", start);
        String toml = doc.substring(start, end);
        LoadedConfig loaded = loader.load(write("seed.toml", toml), true);
        assertThat(loaded.config().grpc().address()).isEqualTo("/run/containerd/containerd.sock");
        assertThat(loaded.config().timeouts()).containsEntry("io.containerd.timeout.task.state", "2s");
        assertThat(loaded.warnings()).contains("unknown plugin \"io.containerd.grpc.v1.cri\": its settings are ignored");
        assertThat(loaded.warnings()).doesNotContain("unknown plugin \"io.containerd.metadata.v1.bolt\": its settings are ignored");
    }

    @Test
    void default_tree_round_trips_through_the_writer_and_reader() throws Exception {
        String text = TomlWriter.write(loader.defaultTree());
        assertThat(text).contains("[plugins.\"io.containerd.gc.v1.scheduler\"]\n    deletion_threshold = 0\n");
        assertThat(text).startsWith("disabled_plugins = []\nimports = []\noom_score = 0\n");
        assertThat(text).contains("\n[grpc]\n  address = \"/run/jcontainerd/jcontainerd.sock\"\n");
        assertThat(text).contains("\n[timeouts]\n  \"io.containerd.timeout.bolt.open\" = \"0s\"\n");
        LoadedConfig reread = loader.fromTree(TomlReader.parse("default", text));
        assertThat(reread.config()).isEqualTo(loader.fromTree(Map.of()).config());
        assertThat(reread.warnings()).isEmpty();
    }

    record Unpack(String platform, String snapshotter) {
    }

    record TransferConfig(int maxConcurrentDownloads, List<Unpack> unpackConfig) {
    }

    @Test
    void arrays_of_tables_are_written_inline_and_read_in_both_forms() throws Exception {
        Registration<String> transfer = new Registration<>(PluginTypes.TRANSFER, "local", List.of(),
                () -> new TransferConfig(3, List.of(new Unpack("linux/amd64", "overlayfs"))), ctx -> "transfer");
        ConfigLoader withTransfer = new ConfigLoader(List.of(transfer));
        String text = TomlWriter.write(withTransfer.defaultTree());
        assertThat(text).contains("[plugins.\"io.containerd.transfer.v1.local\"]\n    max_concurrent_downloads = 3\n"
                + "    unpack_config = [{platform = \"linux/amd64\", snapshotter = \"overlayfs\"}]\n");
        LoadedConfig reread = withTransfer.fromTree(TomlReader.parse("default", text));
        assertThat(withTransfer.pluginConfig(transfer, reread.config(), new ArrayList<>()))
                .isEqualTo(new TransferConfig(3, List.of(new Unpack("linux/amd64", "overlayfs"))));

        LoadedConfig file = withTransfer.load(write("config.toml", """
                version = 2
                [[plugins."io.containerd.transfer.v1.local".unpack_config]]
                  platform = "linux/arm64"
                [[plugins."io.containerd.transfer.v1.local".unpack_config]]
                  platform = "linux/amd64"
                  snapshotter = "native"
                """), true);
        List<String> warnings = new ArrayList<>();
        assertThat(withTransfer.pluginConfig(transfer, file.config(), warnings)).isEqualTo(new TransferConfig(3,
                List.of(new Unpack("linux/arm64", ""), new Unpack("linux/amd64", "native"))));
        assertThat(warnings).isEmpty();
    }
}
