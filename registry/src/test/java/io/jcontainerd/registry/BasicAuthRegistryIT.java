package io.jcontainerd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.registry.auth.Credentials;
import io.jcontainerd.registry.auth.DockerConfigCredentials;
import io.jcontainerd.registry.hosts.ConfiguredHosts;
import io.jcontainerd.registry.testing.Bcrypt;
import io.jcontainerd.registry.testing.LocalRegistry;
import io.jcontainerd.registry.testing.TestImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-registry with htpasswd Basic auth. The htpasswd entry is made by the test's own bcrypt
 * ({@link Bcrypt}): apache2-utils' htpasswd is not on the machine and no bcrypt library is cached.
 */
class BasicAuthRegistryIT {
    static final String USER = "alice";
    static final String PASSWORD = "s3cret pass";

    @TempDir
    static Path dir;
    static LocalRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs " + LocalRegistry.BINARY);
        Path htpasswd = Files.writeString(dir.resolve("htpasswd"), USER + ":" + Bcrypt.hash(PASSWORD, 5) + "\n");
        registry = LocalRegistry.in(dir).htpasswd(htpasswd).start();
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

    @Test
    void pushes_and_pulls_with_the_users_credentials() throws IOException {
        TestImage image = new TestImage(4096, 11);
        try (ConfiguredHosts hosts = ConfiguredHosts.builder().credentials(Credentials.of(USER, PASSWORD)).build()) {
            DockerResolver resolver = new DockerResolver(hosts);
            assertThat(image.pushTo(resolver, ref("basic/app:v1"))).isEqualTo(PushStatus.PUSHED);
            assertThat(resolver.resolve(ref("basic/app:v1")).descriptor()).isEqualTo(image.manifest);
            try (InputStream in = resolver.fetcher(ref("basic/app:v1")).fetch(image.layer)) {
                assertThat(in.readAllBytes()).isEqualTo(image.bytes(image.layer));
            }
        }
    }

    @Test
    void credentials_come_from_docker_config_json() throws IOException {
        TestImage image = new TestImage(2048, 12);
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Path config = Files.writeString(dir.resolve("config.json"),
                "{\"auths\":{\"http://" + registry.address() + "\":{\"auth\":\"" + auth + "\"}},\"credsStore\":\"desktop\"}");
        try (ConfiguredHosts hosts = ConfiguredHosts.builder().credentials(DockerConfigCredentials.load(config)).build()) {
            DockerResolver resolver = new DockerResolver(hosts);
            assertThat(image.pushTo(resolver, ref("basic/config:v1"))).isEqualTo(PushStatus.PUSHED);
            assertThat(resolver.resolve(ref("basic/config:v1")).descriptor()).isEqualTo(image.manifest);
        }
    }

    @Test
    void without_or_with_wrong_credentials_the_registry_refuses() {
        try (ConfiguredHosts anonymous = ConfiguredHosts.builder().build();
             ConfiguredHosts wrong = ConfiguredHosts.builder().credentials(Credentials.of(USER, "wrong")).build()) {
            for (ConfiguredHosts hosts : new ConfiguredHosts[] {anonymous, wrong}) {
                assertThatThrownBy(() -> new DockerResolver(hosts).resolve(ref("basic/app:v1")))
                        .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED))
                        .hasMessage("pulling from host " + registry.address() + " failed with status code [manifests v1]: 401 Unauthorized");
            }
            TestImage image = new TestImage(100, 13);
            assertThatThrownBy(() -> image.pushTo(new DockerResolver(wrong), ref("basic/denied:v1")))
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED));
        }
    }
}
