package io.jcontainerd.it.transfer;

import static io.jcontainerd.it.transfer.RegistryPullChecks.assertPulled;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import io.jcontainerd.it.support.ThrottlingProxy;
import io.jcontainerd.registry.testing.LocalRegistry;
import io.jcontainerd.registry.testing.TestPki;
import io.jcontainerd.registry.testing.TokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registry with distribution's token auth and a token server written for the tests (realm,
 * service and scope from the registry's challenge): the daemon pulls for jctr with the
 * credentials jctr answers on the auth stream, fetches one token for all of a pull's requests,
 * and fetches a fresh one when the registry refuses the one it holds, and pushes with a push
 * token; Debian's ctr pulls on the client side through the same daemon.
 */
class DaemonPullBearerIT extends RegistryDaemonBase {
    private static final String USER = "bob";
    private static final String PASSWORD = "hunter2";
    private static final Map<String, String> FILES = Map.of("etc/token.conf", "behind a token\n", "srv/data", "second\n");

    static TokenServer tokens;
    static String image;

    @BeforeAll
    static void start() throws Exception {
        requireRegistryAndSkopeo("jcd-bearer-pull-");
        Assumptions.assumeTrue(TestPki.opensslAvailable(), "needs openssl");
        Path[] signing = TestPki.signingCertificate(work);
        tokens = new TokenServer(signing[0], signing[1], Map.of(USER, PASSWORD));
        registry = LocalRegistry.in(Files.createDirectories(work.resolve("registry")))
                .token(tokens.realm(), TokenServer.SERVICE, TokenServer.ISSUER, signing[0]).start();
        Path layout = work.resolve("layout");
        TestImages.ociLayout(layout, "v1", List.of(Map.of("etc/token.conf", FILES.get("etc/token.conf")),
                Map.of("srv/data", FILES.get("srv/data"))));
        image = registry.address() + "/test/app:v1";
        TestImages.skopeoPush(layout, "v1", image, USER + ":" + PASSWORD);
        // one download at a time, so that a pull's later layer asks the registry after an earlier one took a while
        startDaemon("""
                max_concurrent_downloads = 1
                """);
    }

    @AfterAll
    static void stopTokenServer() {
        if (tokens != null) {
            tokens.close();
            tokens = null;
        }
    }

    @Test
    void jctr_pulls_through_the_daemon_with_one_token_for_the_whole_pull() throws Exception {
        int before = tokens.requests().size();

        ProcessResult pulled = home.jctr("-n", "bearer", "images", "pull", "--plain-http", "--user", USER + ":" + PASSWORD, image);

        assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
        // resolve, manifest, config and both layers: all under the token of the first challenge's scope
        assertThat(tokens.requests().subList(before, tokens.requests().size()))
                .containsExactly("POST bob repository:test/app:pull");
        assertPulled(home, work, "bearer", image, FILES);
    }

    @Test
    void without_credentials_or_with_a_wrong_password_the_pull_is_refused() {
        ProcessResult anonymous = home.jctr("-n", "anonymous", "images", "pull", "--plain-http", image);
        ProcessResult wrong = home.jctr("-n", "wrong", "images", "pull", "--plain-http", "--user", USER + ":nope", image);

        assertThat(anonymous.exitCode()).isEqualTo(1);
        assertThat(anonymous.stderr()).contains("pull access denied, repository does not exist or may require authorization");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.stderr()).contains("failed to fetch oauth token").contains("401 Unauthorized");
        assertThat(home.ctr("-n", "anonymous", "images", "ls", "-q").stdout()).isEmpty();
        assertThat(home.ctr("-n", "wrong", "images", "ls", "-q").stdout()).isEmpty();
    }

    @Test
    void a_token_the_registry_stops_taking_mid_pull_is_replaced_and_the_pull_completes() throws Exception {
        Path bigLayout = work.resolve("big-layout");
        Random random = new Random(11);
        byte[] first = new byte[3 << 20];
        byte[] second = new byte[3 << 20];
        random.nextBytes(first);
        random.nextBytes(second);
        TestImages.ociLayout(bigLayout, "v1", List.of(Map.of("first.hex", HexFormat.of().formatHex(first)),
                Map.of("second.hex", HexFormat.of().formatHex(second))));
        TestImages.skopeoPush(bigLayout, "v1", registry.address() + "/test/big:v1", USER + ":" + PASSWORD);
        // each layer takes about 3 s to arrive; the registry takes each token for 2 s only
        try (ThrottlingProxy proxy = ThrottlingProxy.start(registry.port(), 1 << 20)) {
            String reference = proxy.address() + "/test/big:v1";
            tokens.acceptedFor(Duration.ofSeconds(2));
            int before = tokens.requests().size();

            ProcessResult pulled = home.jctr("-n", "refreshed", "images", "pull", "--plain-http", "--user",
                    USER + ":" + PASSWORD, reference);

            assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
            assertThat(tokens.requests().subList(before, tokens.requests().size())).as("a fresh token after the 401")
                    .hasSizeGreaterThan(1).allMatch(request -> request.equals("POST bob repository:test/big:pull"));
            assertThat(home.ctr("-n", "refreshed", "images", "check").stdout()).contains("complete (3/3)");
        } finally {
            tokens.acceptedFor(Duration.ofMinutes(10));
        }
    }

    @Test
    void debian_ctr_pulls_client_side_into_the_daemon_with_the_token_flow() throws Exception {
        ProcessResult pulled = home.ctr("-n", "ctr-bearer", "images", "pull", "--plain-http", "--user", USER + ":" + PASSWORD, image);

        assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
        assertPulled(home, work, "ctr-bearer", image, FILES);
    }

    @Test
    void jctr_pushes_through_the_daemon_with_a_push_token() throws Exception {
        ProcessResult pulled = home.jctr("-n", "bearer-push", "images", "pull", "--plain-http", "--user", USER + ":" + PASSWORD, image);
        assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
        String target = registry.address() + "/test/pushed:v1";
        int before = tokens.requests().size();

        ProcessResult pushed = home.jctr("-n", "bearer-push", "images", "push", "--plain-http", "--user", USER + ":" + PASSWORD,
                target, image);

        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        assertThat(tokens.requests().subList(before, tokens.requests().size()))
                .anyMatch(request -> request.startsWith("POST bob ") && request.contains("repository:test/pushed:pull,push"));
        ProcessResult pulledBack = home.ctr("-n", "bearer-pulled-back", "images", "pull", "--plain-http", "--user",
                USER + ":" + PASSWORD, target);
        assertThat(pulledBack.exitCode()).as(pulledBack.toString()).isZero();
        assertPulled(home, work, "bearer-pulled-back", target, FILES);
    }
}
