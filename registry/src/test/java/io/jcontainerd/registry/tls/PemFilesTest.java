package io.jcontainerd.registry.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.registry.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys in the three PEM forms Go's tls.X509KeyPair reads, as the openssl CLI writes them. */
class PemFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsOpenssl() {
        Assumptions.assumeTrue(TestPki.opensslAvailable(), "needs openssl");
    }

    PrivateKey key(String file, String... genArgs) throws Exception {
        TestPki.openssl(dir, genArgs);
        return PemFiles.readPrivateKey(dir.resolve(file));
    }

    @Test
    void reads_pkcs8_pkcs1_and_sec1_keys() throws Exception {
        assertThat(key("p8.key", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "p8.key"))
                .satisfies(k -> assertThat(k.getAlgorithm()).isEqualTo("EC"));
        assertThat(key("rsa1.key", "genrsa", "-traditional", "-out", "rsa1.key", "1024"))
                .satisfies(k -> assertThat(k.getAlgorithm()).isEqualTo("RSA"));
        assertThat(Files.readString(dir.resolve("rsa1.key"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(key("sec1.key", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.key"))
                .satisfies(k -> assertThat(k.getAlgorithm()).isEqualTo("EC"));
        assertThat(Files.readString(dir.resolve("sec1.key"))).contains("BEGIN EC PRIVATE KEY");
        assertThat(key("ed.key", "genpkey", "-algorithm", "ed25519", "-out", "ed.key"))
                .satisfies(k -> assertThat(k.getAlgorithm()).isIn("EdDSA", "Ed25519"));
    }

    @Test
    void reads_certificates_and_names_the_file_when_it_cannot() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        assertThat(PemFiles.readCertificates(pki.caCert)).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).contains("jcontainerd test ca"));
        Path combined = Files.writeString(dir.resolve("both.pem"), Files.readString(pki.clientKey) + Files.readString(pki.clientCert));
        assertThat(PemFiles.readCertificateChain(combined)).hasSize(1);
        assertThat(PemFiles.readPrivateKey(combined).getAlgorithm()).isEqualTo("EC");
        assertThatThrownBy(() -> PemFiles.readCertificates(pki.clientKey)).hasMessage("unable to load CA cert \"" + pki.clientKey + "\"");
        assertThatThrownBy(() -> PemFiles.readCertificates(dir.resolve("none.pem"))).hasMessageStartingWith("unable to read CA cert");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(pki.caCert))
                .hasMessage("failed to load X509 key pair: tls: failed to find any PEM data in key input");
    }
}
