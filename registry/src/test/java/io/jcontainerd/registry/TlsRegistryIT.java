package io.jcontainerd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.registry.hosts.ConfiguredHosts;
import io.jcontainerd.registry.testing.LocalRegistry;
import io.jcontainerd.registry.testing.TestImage;
import io.jcontainerd.registry.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-registry over TLS with a test CA (made with the openssl CLI), demanding client
 * certificates; the client is set up through hosts.toml as containerd users do.
 */
class TlsRegistryIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static LocalRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs " + LocalRegistry.BINARY);
        Assumptions.assumeTrue(TestPki.opensslAvailable(), "needs openssl");
        pki = TestPki.create(dir.resolve("pki"));
        registry = LocalRegistry.in(dir).tls(pki.serverCert, pki.serverKey, pki.caCert).start();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    static String ref(String repositoryAndObject) {
        return registry.address() + "/" + repositoryAndObject;
    }

    /** A hosts directory whose folder for the registry ({@code 127.0.0.1_<port>_}) holds {@code toml}. */
    static ConfiguredHosts hostsWith(Path root, String toml) throws IOException {
        Path folder = Files.createDirectories(root.resolve("127.0.0.1_" + registry.port() + "_"));
        Files.writeString(folder.resolve("hosts.toml"), toml);
        return ConfiguredHosts.builder().hostsDirectory(root).build();
    }

    @Test
    void a_ca_and_client_certificate_from_hosts_toml_get_through(@TempDir Path root) throws IOException {
        TestImage image = new TestImage(4096, 21);
        try (ConfiguredHosts hosts = hostsWith(root, """
                server = "https://%s"
                ca = "%s"
                client = [["%s", "%s"]]
                """.formatted(registry.address(), pki.caCert, pki.clientCert, pki.clientKey))) {
            DockerResolver resolver = new DockerResolver(hosts);
            assertThat(image.pushTo(resolver, ref("tls/app:v1"))).isEqualTo(PushStatus.PUSHED);
            assertThat(resolver.resolve(ref("tls/app:v1")).descriptor()).isEqualTo(image.manifest);
            try (InputStream in = resolver.fetcher(ref("tls/app:v1")).fetch(image.layer)) {
                assertThat(in.readAllBytes()).isEqualTo(image.bytes(image.layer));
            }
        }
    }

    @Test
    void skip_verify_trusts_the_unknown_ca(@TempDir Path root) throws IOException {
        TestImage image = new TestImage(1024, 22);
        try (ConfiguredHosts hosts = hostsWith(root, """
                server = "https://%s"
                skip_verify = true
                client = "%s"
                """.formatted(registry.address(), combined(root)))) {
            DockerResolver resolver = new DockerResolver(hosts);
            assertThat(image.pushTo(resolver, ref("tls/skip:v1"))).isEqualTo(PushStatus.PUSHED);
            assertThat(resolver.resolve(ref("tls/skip:v1")).descriptor()).isEqualTo(image.manifest);
        }
    }

    @Test
    void an_unknown_ca_or_a_missing_client_certificate_fails_the_connection(@TempDir Path root) throws IOException {
        try (ConfiguredHosts noCa = hostsWith(root.resolve("no-ca"), """
                server = "https://%s"
                client = [["%s", "%s"]]
                """.formatted(registry.address(), pki.clientCert, pki.clientKey));
             ConfiguredHosts noClient = hostsWith(root.resolve("no-client"), """
                server = "https://%s"
                ca = "%s"
                """.formatted(registry.address(), pki.caCert))) {
            assertThatThrownBy(() -> new DockerResolver(noCa).resolve(ref("tls/app:v1")))
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                    .hasMessage("failed to do request: Head \"https://" + registry.address() + "/v2/tls/app/manifests/v1\": "
                            + "x509: certificate signed by unknown authority");
            assertThatThrownBy(() -> new DockerResolver(noClient).resolve(ref("tls/app:v1")))
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        }
    }

    @Test
    void plain_http_to_a_tls_registry_is_refused() {
        try (ConfiguredHosts hosts = ConfiguredHosts.builder().build()) {
            // localhost namespaces default to plain HTTP, as upstream 1.6; this registry only speaks TLS
            assertThatThrownBy(() -> new DockerResolver(hosts).resolve(ref("tls/app:v1")))
                    .isInstanceOf(ErrdefsException.class);
        }
    }

    /** Certificate and key in one PEM file, as {@code client = "file.pem"} expects. */
    static Path combined(Path root) throws IOException {
        Path file = root.resolve("client-combined.pem");
        Files.writeString(file, Files.readString(pki.clientCert) + Files.readString(pki.clientKey));
        return file;
    }
}
