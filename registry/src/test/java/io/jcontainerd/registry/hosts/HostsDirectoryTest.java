package io.jcontainerd.registry.hosts;

import static io.jcontainerd.registry.hosts.HostCapability.PULL;
import static io.jcontainerd.registry.hosts.HostCapability.PUSH;
import static io.jcontainerd.registry.hosts.HostCapability.RESOLVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.registry.tls.ClientKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsDirectoryTest {
    @TempDir
    Path root;

    /** containerd 1.6's TestParseHostFile, file and expectations. */
    static final String UPSTREAM_TOML = """
            server = "https://test-default.registry"
            ca = "/etc/path/default"
            [header]
              x-custom-1 = "custom header"

            [host."https://mirror.registry"]
              capabilities = ["pull"]
              ca = "/etc/certs/mirror.pem"
              skip_verify = false
              [host."https://mirror.registry".header]
                x-custom-2 = ["value1", "value2"]

            [host."https://mirror-bak.registry/us"]
              capabilities = ["pull"]
              skip_verify = true

            [host."http://mirror.registry"]
              capabilities = ["pull"]

            [host."https://test-1.registry"]
              capabilities = ["pull", "resolve", "push"]
              ca = ["/etc/certs/test-1-ca.pem", "/etc/certs/special.pem"]
              client = [["/etc/certs/client.cert", "/etc/certs/client.key"],["/etc/certs/client.pem", ""]]

            [host."https://test-2.registry"]
              client = "/etc/certs/client.pem"

            [host."https://test-3.registry"]
              client = ["/etc/certs/client-1.pem", "/etc/certs/client-2.pem"]

            [host."https://noncompliantmirror.registry/v2/namespaceprefix"]
              capabilities = ["pull"]
              override_path = true

            [host."https://noprefixnoncompliant.registry"]
              override_path = true
            """;

    @Test
    void parses_upstreams_example_in_file_order_with_the_server_last() {
        List<HostConfig> hosts = HostsDirectory.parse(Path.of(""), UPSTREAM_TOML);
        Set<HostCapability> all = Set.of(PULL, RESOLVE, PUSH);
        assertThat(hosts).containsExactly(
                new HostConfig("https", "mirror.registry", "/v2", Set.of(PULL), List.of(Path.of("/etc/certs/mirror.pem")),
                        List.of(), false, Map.of("x-custom-2", List.of("value1", "value2"))),
                new HostConfig("https", "mirror-bak.registry", "/us/v2", Set.of(PULL), List.of(), List.of(), true, Map.of()),
                new HostConfig("http", "mirror.registry", "/v2", Set.of(PULL), List.of(), List.of(), null, Map.of()),
                new HostConfig("https", "test-1.registry", "/v2", all,
                        List.of(Path.of("/etc/certs/test-1-ca.pem"), Path.of("/etc/certs/special.pem")),
                        List.of(new ClientKeyPair(Path.of("/etc/certs/client.cert"), Path.of("/etc/certs/client.key")),
                                ClientKeyPair.combined(Path.of("/etc/certs/client.pem"))), null, Map.of()),
                new HostConfig("https", "test-2.registry", "/v2", all, List.of(),
                        List.of(ClientKeyPair.combined(Path.of("/etc/certs/client.pem"))), null, Map.of()),
                new HostConfig("https", "test-3.registry", "/v2", all, List.of(),
                        List.of(ClientKeyPair.combined(Path.of("/etc/certs/client-1.pem")),
                                ClientKeyPair.combined(Path.of("/etc/certs/client-2.pem"))), null, Map.of()),
                new HostConfig("https", "noncompliantmirror.registry", "/v2/namespaceprefix", Set.of(PULL), List.of(),
                        List.of(), null, Map.of()),
                new HostConfig("https", "noprefixnoncompliant.registry", "", all, List.of(), List.of(), null, Map.of()),
                new HostConfig("https", "test-default.registry", "/v2", all, List.of(Path.of("/etc/path/default")),
                        List.of(), null, Map.of("x-custom-1", List.of("custom header"))));
    }

    @Test
    void relative_paths_are_taken_from_the_hosts_folder() {
        Path folder = root.resolve("registry.example");
        List<HostConfig> hosts = HostsDirectory.parse(folder, """
                server = "registry.example:5000"
                ca = "ca.crt"
                client = [["client.cert", "client.key"]]
                """);
        assertThat(hosts).singleElement().satisfies(h -> {
            assertThat(h.scheme()).isEqualTo("https");
            assertThat(h.host()).isEqualTo("registry.example:5000");
            assertThat(h.caCertificates()).containsExactly(folder.resolve("ca.crt"));
            assertThat(h.clientKeyPairs()).containsExactly(new ClientKeyPair(folder.resolve("client.cert"), folder.resolve("client.key")));
        });
    }

    @Test
    void rejects_unknown_capabilities_and_wrong_types() {
        assertThatThrownBy(() -> HostsDirectory.parse(root, "[host.\"https://m\"]\ncapabilities = [\"fly\"]\n"))
                .isInstanceOf(ErrdefsException.class).hasMessageContaining("unknown capability fly");
        assertThatThrownBy(() -> HostsDirectory.parse(root, "ca = 3\n")).hasMessageContaining("for \"ca\"");
        assertThatThrownBy(() -> HostsDirectory.parse(root, "[host.\"https://m\"]\nclient = [[\"a\"]]\n"))
                .hasMessageContaining("invalid pair");
        assertThatThrownBy(() -> HostsDirectory.parse(root, "server = [")).hasMessageContaining("failed to parse TOML");
    }

    @Test
    void finds_the_folder_port_spelling_first_then_host_then_default() throws IOException {
        HostsDirectory dir = new HostsDirectory(root);
        assertThat(dir.folderFor("registry:5000")).isEmpty();
        Files.createDirectories(root.resolve("_default"));
        assertThat(dir.folderFor("registry:5000")).contains(root.resolve("_default"));
        Files.createDirectories(root.resolve("registry:5000"));
        assertThat(dir.folderFor("registry:5000")).contains(root.resolve("registry:5000"));
        Files.createDirectories(root.resolve("registry_5000_"));
        assertThat(dir.folderFor("registry:5000")).contains(root.resolve("registry_5000_"));
        assertThat(dir.folderFor("..")).contains(root.resolve("_default"));
    }

    @Test
    void a_folder_without_hosts_toml_is_read_as_docker_certs_d() throws IOException {
        Path folder = Files.createDirectories(root.resolve("testing.io"));
        Files.writeString(folder.resolve("ca.crt"), "x");
        Files.writeString(folder.resolve("client.cert"), "x");
        Files.writeString(folder.resolve("client.key"), "x");
        Files.writeString(folder.resolve("other.cert"), "x");
        assertThat(HostsDirectory.loadFolder(folder)).singleElement().satisfies(h -> {
            assertThat(h.host()).isEmpty();
            assertThat(h.caCertificates()).containsExactly(folder.resolve("ca.crt"));
            assertThat(h.clientKeyPairs()).containsExactly(new ClientKeyPair(folder.resolve("client.cert"), folder.resolve("client.key")),
                    ClientKeyPair.combined(folder.resolve("other.cert")));
        });
    }

    @Test
    void a_hosts_toml_that_does_not_parse_falls_back_to_cert_files_as_upstream() throws IOException {
        Path folder = Files.createDirectories(root.resolve("broken.io"));
        Files.writeString(folder.resolve("hosts.toml"), "[host.\"https://m\"]\ncapabilities = [\"fly\"]\n");
        Files.writeString(folder.resolve("ca.crt"), "x");
        assertThat(HostsDirectory.loadFolder(folder)).singleElement()
                .satisfies(h -> assertThat(h.caCertificates()).containsExactly(folder.resolve("ca.crt")));
    }
}
