package io.jcontainerd.registry.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredHostsTest {
    @TempDir
    Path root;

    static String endpoints(List<RegistryHost> hosts) {
        return String.join(" ", hosts.stream().map(h -> h.scheme() + "://" + h.host() + h.path()).toList());
    }

    @Test
    void defaults_without_configuration() {
        try (ConfiguredHosts hosts = ConfiguredHosts.builder().build()) {
            assertThat(endpoints(hosts.hosts("docker.io"))).isEqualTo("https://registry-1.docker.io/v2");
            assertThat(hosts.hosts("docker.io").getFirst().capabilities()).isEqualTo(HostCapability.all());
            assertThat(endpoints(hosts.hosts("ghcr.io"))).isEqualTo("https://ghcr.io/v2");
            assertThat(endpoints(hosts.hosts("localhost:5000"))).isEqualTo("http://localhost:5000/v2");
            assertThat(endpoints(hosts.hosts("127.0.0.1:5000"))).isEqualTo("http://127.0.0.1:5000/v2");
            assertThat(endpoints(hosts.hosts("[::1]:5000"))).isEqualTo("http://[::1]:5000/v2");
            assertThat(endpoints(hosts.hosts("127.example.com:5000"))).isEqualTo("https://127.example.com:5000/v2");
        }
    }

    @Test
    void plain_http_applies_to_every_unconfigured_namespace() {
        try (ConfiguredHosts hosts = ConfiguredHosts.builder().plainHttp(true).build()) {
            assertThat(endpoints(hosts.hosts("registry.example:5000"))).isEqualTo("http://registry.example:5000/v2");
            assertThat(endpoints(hosts.hosts("docker.io"))).isEqualTo("https://registry-1.docker.io/v2");
        }
    }

    @Test
    void mirrors_come_first_then_the_server() throws IOException {
        Path folder = Files.createDirectories(root.resolve("docker.io"));
        Files.writeString(folder.resolve("hosts.toml"), """
                server = "https://registry-1.docker.io"
                [host."http://127.0.0.1:5001"]
                  capabilities = ["pull", "resolve"]
                [host."https://mirror.example/base"]
                  capabilities = ["pull"]
                  [host."https://mirror.example/base".header]
                    x-mirror = "1"
                """);
        try (ConfiguredHosts hosts = ConfiguredHosts.builder().hostsDirectory(root).build()) {
            List<RegistryHost> list = hosts.hosts("docker.io");
            assertThat(endpoints(list)).isEqualTo("http://127.0.0.1:5001/v2 https://mirror.example/base/v2 https://registry-1.docker.io/v2");
            assertThat(list.get(0).capabilities()).isEqualTo(Set.of(HostCapability.PULL, HostCapability.RESOLVE));
            assertThat(list.get(1).header()).containsEntry("x-mirror", List.of("1"));
            assertThat(list.get(0).isProxyFor("docker.io")).isTrue();
            assertThat(list.get(2).isProxyFor("docker.io")).isFalse();
            // one client per TLS setup: the three share the default one, and with it the token cache
            assertThat(list.get(0).client()).isSameAs(list.get(2).client());
            assertThat(list.get(0).authorizer()).isSameAs(list.get(2).authorizer());
        }
    }

    @Test
    void a_file_without_server_gets_the_namespace_default_last() throws IOException {
        Path folder = Files.createDirectories(root.resolve("_default"));
        Files.writeString(folder.resolve("hosts.toml"), """
                [host."https://mirror.example"]
                  capabilities = ["pull"]
                """);
        try (ConfiguredHosts hosts = ConfiguredHosts.builder().hostsDirectory(root).build()) {
            assertThat(endpoints(hosts.hosts("quay.io"))).isEqualTo("https://mirror.example/v2 https://quay.io/v2");
            assertThat(endpoints(hosts.hosts("localhost:5000"))).isEqualTo("https://mirror.example/v2 http://localhost:5000/v2");
        }
    }

    @Test
    void a_ca_file_that_cannot_be_read_is_an_invalid_argument() throws IOException {
        Path folder = Files.createDirectories(root.resolve("secure.example"));
        Files.writeString(folder.resolve("hosts.toml"), "server = \"https://secure.example\"\nca = \"missing.pem\"\n");
        try (ConfiguredHosts hosts = ConfiguredHosts.builder().hostsDirectory(root).build()) {
            assertThatThrownBy(() -> hosts.hosts("secure.example"))
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                    .hasMessageContaining("unable to read CA cert");
        }
    }
}
