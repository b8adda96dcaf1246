package io.jcontainerd.registry.hosts;

import io.jcontainerd.registry.tls.SslContexts;
import io.jcontainerd.registry.tls.TlsSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link HttpClient} per distinct TLS setup, shared by every endpoint that has it, so their
 * connections are pooled together. Redirects are not followed by the client: the registry
 * requests follow them themselves, authorising each hop for its own host. HTTP/1.1 as upstream's
 * transport (Go gives a custom-TLS transport no HTTP/2), which also spares plain-HTTP registries an
 * h2c upgrade attempt.
 */
final class HttpClients implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final Duration connectTimeout;
    private final Map<TlsSettings, HttpClient> clients = new ConcurrentHashMap<>();

    HttpClients(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT when a CA or key file cannot be used */
    HttpClient forTls(TlsSettings tls) {
        HttpClient existing = clients.get(tls);
        if (existing != null) {
            return existing;
        }
        // built outside computeIfAbsent: reading the PEM files may fail, and that must not poison the map
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
        if (!tls.isDefault()) {
            builder.sslContext(SslContexts.create(tls));
        }
        HttpClient created = builder.build();
        HttpClient raced = clients.putIfAbsent(tls, created);
        if (raced != null) {
            created.close();
            return raced;
        }
        return created;
    }

    /** Stops every client; requests still running after a grace period (a body nobody closed) are cut off. */
    @Override
    public void close() {
        for (HttpClient client : clients.values()) {
            client.shutdown();
            try {
                if (!client.awaitTermination(GRACE)) {
                    client.shutdownNow();
                }
            } catch (InterruptedException e) {
                client.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        clients.clear();
    }
}
