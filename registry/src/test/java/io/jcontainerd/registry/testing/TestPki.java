package io.jcontainerd.registry.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the {@code openssl} CLI: a CA, a server certificate for 127.0.0.1 and
 * a client certificate issued by it, and a self-signed RSA certificate for signing tokens.
 */
public final class TestPki {
    public final Path caCert;
    public final Path serverCert;
    public final Path serverKey;
    public final Path clientCert;
    public final Path clientKey;

    private TestPki(Path dir) {
        caCert = dir.resolve("ca.crt");
        serverCert = dir.resolve("server.crt");
        serverKey = dir.resolve("server.key");
        clientCert = dir.resolve("client.cert");
        clientKey = dir.resolve("client.key");
    }

    public static boolean opensslAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "openssl"))) {
                return true;
            }
        }
        return false;
    }

    public static TestPki create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestPki pki = new TestPki(dir);
        Path caKey = dir.resolve("ca.key");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", pki.caCert.toString(), "-days", "2", "-subj", "/CN=jcontainerd test ca");
        pki.issue(dir, caKey, "server", pki.serverCert, pki.serverKey, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        pki.issue(dir, caKey, "client", pki.clientCert, pki.clientKey, "extendedKeyUsage=clientAuth\n");
        return pki;
    }

    private void issue(Path dir, Path caKey, String name, Path cert, Path key, String extensions) throws IOException, InterruptedException {
        Path csr = dir.resolve(name + ".csr");
        Path ext = Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(),
                "-out", csr.toString(), "-subj", "/CN=" + name);
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
    }

    /** A self-signed RSA certificate and its PKCS#8 key: what the token issuer signs with and the registry trusts. */
    public static Path[] signingCertificate(Path dir) throws IOException, InterruptedException {
        Path cert = dir.resolve("token.crt");
        Path key = dir.resolve("token.key");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "2", "-subj", "/CN=jcontainerd test token issuer");
        return new Path[] {cert, key};
    }

    public static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path out = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("openssl failed: " + command + "\n" + Files.readString(out));
        }
    }
}
