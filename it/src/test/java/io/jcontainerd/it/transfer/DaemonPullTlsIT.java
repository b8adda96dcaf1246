package io.jcontainerd.it.transfer;

import static io.jcontainerd.it.transfer.RegistryPullChecks.assertPulled;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import io.jcontainerd.registry.testing.LocalRegistry;
import io.jcontainerd.registry.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registry on 127.0.0.1 serving TLS with a certificate from a test CA that nothing trusts by
 * default: the daemon pulls for jctr when its {@code config_path} (or the request's hosts
 * directory) names the CA or skips verification, and refuses the registry otherwise; Debian's ctr
 * pulls on the client side through the same daemon with its own hosts directory.
 */
class DaemonPullTlsIT extends RegistryDaemonBase {
    private static final Map<String, String> FILES = Map.of("etc/tls.conf", "served over tls\n", "srv/data", "layer two\n");

    static TestPki pki;
    static String image;

    @BeforeAll
    static void start() throws Exception {
        requireRegistryAndSkopeo("jcd-tls-pull-");
        Assumptions.assumeTrue(TestPki.opensslAvailable(), "needs openssl");
        pki = TestPki.create(work.resolve("pki"));
        registry = LocalRegistry.in(Files.createDirectories(work.resolve("registry")))
                .tls(pki.serverCert, pki.serverKey, null).start();
        Path layout = work.resolve("layout");
        TestImages.ociLayout(layout, "v1", List.of(Map.of("etc/tls.conf", FILES.get("etc/tls.conf")),
                Map.of("srv/data", FILES.get("srv/data"))));
        image = registry.address() + "/test/tls:v1";
        TestImages.skopeoPush(layout, "v1", image); // skopeo skips verification
        Path configPath = hostsDirWith("daemon-certs.d", """
                server = "https://%s"
                ca = "%s"
                """.formatted(registry.address(), pki.caCert));
        startDaemon("""
                config_path = "%s"
                """.formatted(configPath));
    }

    /**
     * A hosts directory whose hosts.toml for the registry says https and {@code tls} (TOML lines) in
     * the registry's {@code [host]} table: Debian's ctr 1.6 refuses a hosts.toml without one
     * ("invalid `host` tree"), so only the daemon's own directory has them at the top level.
     */
    private static Path hostsDir(String name, String tls) throws IOException {
        return hostsDirWith(name, """
                server = "https://%s"

                [host."https://%s"]
                  %s
                """.formatted(registry.address(), registry.address(), tls));
    }

    private static Path hostsDirWith(String name, String toml) throws IOException {
        Path root = work.resolve(name);
        Path folder = Files.createDirectories(root.resolve(registry.address()));
        Files.writeString(folder.resolve("hosts.toml"), toml);
        return root;
    }

    @Test
    void jctr_pulls_through_the_daemon_which_trusts_the_ca_of_its_config_path() throws IOException {
        // jctr knows no CA here: only the daemon's hosts.toml does
        ProcessResult pulled = home.jctr("-n", "daemon-ca", "images", "pull", image);

        assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
        assertThat(pulled.stdout()).contains("unpacking linux/amd64 sha256:").contains("done: ");
        assertPulled(home, work, "daemon-ca", image, FILES);
        assertThat(home.jctr("-n", "daemon-ca", "images", "ls", "-q").stdout()).isEqualTo(image + "\n");
    }

    @Test
    void a_hosts_directory_in_the_request_with_the_ca_or_skip_verify_is_used_by_the_daemon() throws IOException {
        Path withCa = hostsDir("request-ca", "ca = \"" + pki.caCert + "\"");
        Path skipping = hostsDir("request-skip", "skip_verify = true");

        ProcessResult trusted = home.jctr("-n", "request-ca", "images", "pull", "--hosts-dir", withCa.toString(), image);
        ProcessResult skipped = home.jctr("-n", "request-skip", "images", "pull", "--hosts-dir", skipping.toString(), image);

        assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
        assertPulled(home, work, "request-ca", image, FILES);
        assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
        assertPulled(home, work, "request-skip", image, FILES);
    }

    @Test
    void without_the_ca_the_daemon_refuses_the_registrys_certificate() throws IOException {
        Path untrusting = hostsDir("request-no-ca", "");

        ProcessResult refused = home.jctr("-n", "no-ca", "images", "pull", "--hosts-dir", untrusting.toString(), image);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("ctr: failed to resolve image: failed to do request: Head \"https://"
                + registry.address() + "/v2/test/tls/manifests/v1\": x509: certificate signed by unknown authority");
        assertThat(home.ctr("-n", "no-ca", "images", "ls", "-q").stdout()).isEmpty();
        assertThat(home.ctr("-n", "no-ca", "leases", "ls", "-q").stdout()).as("nothing fetched, nothing kept").isEmpty();
    }

    @Test
    void debian_ctr_pulls_client_side_into_the_daemon_with_its_own_hosts_directory() throws IOException {
        Path withCa = hostsDir("ctr-ca", "ca = \"" + pki.caCert + "\"");
        Path skipping = hostsDir("ctr-skip", "skip_verify = true");

        ProcessResult trusted = home.ctr("-n", "ctr-ca", "images", "pull", "--hosts-dir", withCa.toString(), image);
        ProcessResult skipped = home.ctr("-n", "ctr-skip", "images", "pull", "--hosts-dir", skipping.toString(), image);

        assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
        assertPulled(home, work, "ctr-ca", image, FILES);
        assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
        assertPulled(home, work, "ctr-skip", image, FILES);
    }
}
