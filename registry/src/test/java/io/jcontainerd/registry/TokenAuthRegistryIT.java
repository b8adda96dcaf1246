package io.jcontainerd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.registry.auth.Credentials;
import io.jcontainerd.registry.hosts.ConfiguredHosts;
import io.jcontainerd.image.reference.ReferenceSpec;
import io.jcontainerd.registry.testing.LocalRegistry;
import io.jcontainerd.registry.testing.TestImage;
import io.jcontainerd.registry.testing.TestPki;
import io.jcontainerd.registry.testing.TokenServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-registry with token auth, against a token server written for the test: the registry
 * sends a Bearer challenge, the client gets a JWT from the realm (OAuth POST with credentials,
 * GET anonymously) and the registry verifies its signature and scopes.
 */
class TokenAuthRegistryIT {
    static final String USER = "bob";
    static final String PASSWORD = "hunter2";

    @TempDir
    static Path dir;
    static TokenServer tokens;
    static LocalRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs " + LocalRegistry.BINARY);
        Assumptions.assumeTrue(TestPki.opensslAvailable(), "needs openssl");
        Path[] signing = TestPki.signingCertificate(dir);
        tokens = new TokenServer(signing[0], signing[1], Map.of(USER, PASSWORD));
        registry = LocalRegistry.in(dir).token(tokens.realm(), TokenServer.SERVICE, TokenServer.ISSUER, signing[0]).start();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (tokens != null) {
            tokens.close();
        }
    }

    static String ref(String repositoryAndObject) {
        return registry.address() + "/" + repositoryAndObject;
    }

    @Test
    void pushes_and_pulls_with_a_token_fetched_once_per_scope() throws IOException {
        TestImage image = new TestImage(4096, 31);
        try (ConfiguredHosts hosts = ConfiguredHosts.builder().credentials(Credentials.of(USER, PASSWORD)).build()) {
            DockerResolver resolver = new DockerResolver(hosts);
            int before = tokens.requests().size();
            assertThat(image.pushTo(resolver, ref("token/app:v1"))).isEqualTo(PushStatus.PUSHED);
            // the first challenge (a HEAD, so a pull) adds its scope to every later token request, as upstream
            assertThat(tokens.requests().subList(before, tokens.requests().size()))
                    .containsExactly("POST bob repository:token/app:pull repository:token/app:pull,push");

            int afterPush = tokens.requests().size();
            assertThat(resolver.resolve(ref("token/app:v1")).descriptor()).isEqualTo(image.manifest);
            Fetcher fetcher = resolver.fetcher(ref("token/app:v1"));
            for (ImageDescriptor blob : new ImageDescriptor[] {image.config, image.layer, image.layer}) {
                try (InputStream in = fetcher.fetch(blob)) {
                    assertThat(in.readAllBytes()).isEqualTo(image.bytes(blob));
                }
            }
            // resolve and three fetches share one pull token
            assertThat(tokens.requests().subList(afterPush, tokens.requests().size()))
                    .containsExactly("POST bob repository:token/app:pull");
        }
    }

    @Test
    void anonymous_pulls_are_denied_with_the_registrys_reason() {
        TestImage image = new TestImage(1024, 32);
        try (ConfiguredHosts owner = ConfiguredHosts.builder().credentials(Credentials.of(USER, PASSWORD)).build();
             ConfiguredHosts anonymous = ConfiguredHosts.builder().build()) {
            image.pushTo(new DockerResolver(owner), ref("token/private:v1"));
            assertThatThrownBy(() -> new DockerResolver(anonymous).resolve(ref("token/private:v1")))
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED))
                    .hasMessage("pull access denied, repository does not exist or may require authorization: "
                            + "server message: insufficient_scope: authorization failed");
        }
    }

    @Test
    void a_wrong_password_is_refused_by_the_token_server() {
        try (ConfiguredHosts wrong = ConfiguredHosts.builder().credentials(Credentials.of(USER, "nope")).build()) {
            assertThatThrownBy(() -> new DockerResolver(wrong).resolve(ref("token/app:v1")))
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED))
                    // the POST is refused, then the GET it falls back to
                    .hasMessageStartingWith("failed to authorize: failed to fetch oauth token: unexpected status from GET request to "
                            + tokens.realm())
                    .hasMessageEndingWith("401 Unauthorized, server message: unauthorized: bad credentials");
            assertThat(tokens.requests()).endsWith("POST bob repository:token/app:pull", "GET bob repository:token/app:pull");
        }
    }

    @Test
    void a_mount_asks_for_a_token_that_may_also_pull_the_source() {
        TestImage image = new TestImage(2048, 33);
        try (ConfiguredHosts hosts = ConfiguredHosts.builder().credentials(Credentials.of(USER, PASSWORD)).build()) {
            DockerResolver resolver = new DockerResolver(hosts);
            image.pushTo(resolver, ref("token/source:v1"));
            ReferenceSpec target = ReferenceSpec.parse(ref("token/target:v1"));
            ImageDescriptor annotated = image.layer.withAnnotations(Map.of(DistributionSource.labelKey(target), "token/source"));
            assertThat(resolver.pusher(target.toString()).push(annotated, image.source(image.layer))).isEqualTo(PushStatus.MOUNTED);
            assertThat(tokens.requests()).contains("POST bob repository:token/source:pull repository:token/target:pull,push");
        }
    }
}
