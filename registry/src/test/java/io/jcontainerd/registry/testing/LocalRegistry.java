package io.jcontainerd.registry.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1 at a free port, with its storage,
 * config and log in a test's temporary directory. Closing kills it by its PID.
 */
public final class LocalRegistry implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;
    private final Path config;
    private final Path log;

    private LocalRegistry(Process process, int port, Path config, Path log) {
        this.process = process;
        this.port = port;
        this.config = config;
        this.log = log;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** {@return host:port, the reference namespace this registry serves} */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** What the registry logged, for failure messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the registry (SIGTERM, then SIGKILL after 5 s) by its PID and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    /** What the registry's config.yml says beyond storage and address. */
    public static final class Builder {
        private final Path dir;
        private final List<String> http = new ArrayList<>();
        private final List<String> auth = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Serve TLS with this certificate; with {@code clientCa}, also demand client certificates it issued. */
        public Builder tls(Path certificate, Path key, Path clientCa) {
            http.add("  tls:");
            http.add("    certificate: " + certificate);
            http.add("    key: " + key);
            if (clientCa != null) {
                http.add("    clientcas:");
                http.add("      - " + clientCa);
            }
            return this;
        }

        /** Basic auth from an htpasswd file (bcrypt entries only, as distribution reads it). */
        public Builder htpasswd(Path file) {
            auth.add("auth:");
            auth.add("  htpasswd:");
            auth.add("    realm: basic-realm");
            auth.add("    path: " + file);
            return this;
        }

        /** Bearer tokens from {@code realm}, signed by the key of {@code rootCertificate}. */
        public Builder token(String realm, String service, String issuer, Path rootCertificate) {
            auth.add("auth:");
            auth.add("  token:");
            auth.add("    realm: " + realm);
            auth.add("    service: " + service);
            auth.add("    issuer: " + issuer);
            auth.add("    rootcertbundle: " + rootCertificate);
            return this;
        }

        public LocalRegistry start() throws IOException, InterruptedException {
            int port = freePort();
            List<String> config = new ArrayList<>(List.of(
                    "version: 0.1",
                    "log:",
                    "  level: info",
                    "  accesslog:",
                    "    disabled: false",
                    "storage:",
                    "  filesystem:",
                    "    rootdirectory: " + Files.createDirectories(dir.resolve("storage")),
                    "  delete:",
                    "    enabled: true",
                    "  maintenance:",
                    "    uploadpurging:",
                    "      enabled: false",
                    "http:",
                    "  addr: 127.0.0.1:" + port,
                    "  secret: " + UUID.randomUUID()));
            config.addAll(http);
            config.addAll(auth);
            Path file = dir.resolve("config.yml");
            Files.write(file, config);
            return launch(file, port, dir.resolve("registry.log"));
        }
    }

    private static LocalRegistry launch(Path config, int port, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        LocalRegistry registry = new LocalRegistry(process, port, config, log);
        try {
            registry.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** Kills this registry by its PID (as {@link #close}) and starts it again on the same port and storage. */
    public LocalRegistry restart() throws IOException, InterruptedException {
        close();
        return launch(config, port, log);
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IOException("docker-registry did not listen on " + port + " within 15 s:\n" + log());
    }

    /** A port nothing listens on right now (another process could take it before the registry does). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
