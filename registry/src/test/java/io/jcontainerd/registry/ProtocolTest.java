package io.jcontainerd.registry;

import static io.jcontainerd.registry.testing.FakeHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.MediaTypes;
import io.jcontainerd.registry.auth.Credentials;
import io.jcontainerd.registry.hosts.ConfiguredHosts;
import io.jcontainerd.registry.testing.FakeHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Protocol corners real registries rarely show, against scripted servers on 127.0.0.1. */
class ProtocolTest {
    static final byte[] BLOB = new byte[100_000];
    static final ImageDescriptor BLOB_DESC;

    static {
        new Random(42).nextBytes(BLOB);
        BLOB_DESC = ImageDescriptor.of(MediaTypes.OCI_LAYER_GZIP, DigestAlgorithm.CANONICAL.digest(BLOB), BLOB.length);
    }

    final ConfiguredHosts hosts = ConfiguredHosts.builder().build();
    final DockerResolver resolver = new DockerResolver(hosts);
    FakeHttpServer server;
    FakeHttpServer other;
    /** What a stalling exchange waits for: the end of the test. */
    final CountDownLatch testEnded = new CountDownLatch(1);

    @AfterEach
    void close() {
        testEnded.countDown();
        hosts.close();
        for (FakeHttpServer s : new FakeHttpServer[] {server, other}) {
            if (s != null) {
                s.close();
            }
        }
    }

    String ref(String object) {
        return server.address() + "/team/app" + object;
    }

    /** Serves the blob from the Range's offset with 206, or whole with 200. */
    static void serveBlob(com.sun.net.httpserver.HttpExchange exchange, int cutAfter) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        if (from > 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (BLOB.length - 1) + "/" + BLOB.length);
        }
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, BLOB.length - from);
        OutputStream out = exchange.getResponseBody();
        int end = Math.min(BLOB.length, from + cutAfter);
        out.write(BLOB, from, end - from);
        out.flush();
        if (end < BLOB.length) {
            // drop the connection mid-body: closing before the declared length is written aborts it
            throw new IOException("cut");
        }
        out.close();
    }

    @Test
    void a_dropped_download_resumes_where_it_stopped() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        server = new FakeHttpServer(exchange -> serveBlob(exchange, calls.incrementAndGet() == 1 ? 30_000 : BLOB.length));
        try (InputStream in = resolver.fetcher(ref(":v1")).fetch(BLOB_DESC)) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
        }
        assertThat(server.seen()).hasSize(2);
        String resumedAt = server.seen().get(1).header("Range");
        assertThat(resumedAt).startsWith("bytes=").endsWith("-");
        assertThat(Long.parseLong(resumedAt.substring(6, resumedAt.length() - 1))).isPositive().isLessThanOrEqualTo(30_000);
    }

    @Test
    void a_download_that_never_progresses_gives_up() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        server = new FakeHttpServer(exchange -> serveBlob(exchange, calls.incrementAndGet() == 1 ? 1000 : 0));
        assertThatThrownBy(() -> {
            try (InputStream in = resolver.fetcher(ref(":v1")).fetch(BLOB_DESC)) {
                in.readAllBytes();
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("at 1000 of 100000 bytes failed 4 times without progress");
        // the first reopen is immediate, later ones back off; java.net.http may itself retry a GET once
        assertThat(server.seen().size()).isBetween(1 + ResumingInputStream.MAX_RETRIES, 1 + 2 * ResumingInputStream.MAX_RETRIES);
    }

    @Test
    @Timeout(10) // a stalled server holds its connection for 30 s: the download must not wait for it
    void a_stalled_download_is_dropped_and_resumes_on_a_new_connection() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = new FakeHttpServer(exchange -> {
            if (calls.incrementAndGet() > 1) {
                serveBlob(exchange, BLOB.length);
                return;
            }
            exchange.sendResponseHeaders(200, BLOB.length);
            exchange.getResponseBody().write(BLOB, 0, 30_000);
            exchange.getResponseBody().flush();
            awaitQuietly(testEnded); // then nothing more on this connection
        }, Executors.newVirtualThreadPerTaskExecutor());
        assertThat(fetchWithStallTimeout(Duration.ofSeconds(1))).isEqualTo(BLOB);
        assertThat(server.seen()).hasSize(2);
        assertThat(server.seen().get(1).header("Range")).isEqualTo("bytes=30000-");
    }

    @Test
    @Timeout(10) // a stalled server holds its connection for 30 s: the download must not wait for it
    void a_reconnection_that_gets_no_response_headers_is_given_up_and_tried_again() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = new FakeHttpServer(exchange -> {
            switch (calls.incrementAndGet()) {
                case 1 -> serveBlob(exchange, 30_000); // cut
                case 2 -> awaitQuietly(testEnded); // accepted, then nothing
                default -> serveBlob(exchange, BLOB.length);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
        assertThat(fetchWithStallTimeout(Duration.ofSeconds(1))).isEqualTo(BLOB);
        assertThat(server.seen()).hasSize(3);
    }

    @Test
    @Timeout(10) // a stalled server holds its connection for 30 s: the download must not wait for it
    void a_server_that_stalls_on_every_connection_fails_the_download_saying_so() throws IOException {
        server = new FakeHttpServer(exchange -> {
            exchange.sendResponseHeaders(200, BLOB.length);
            exchange.getResponseBody().write(BLOB, 0, 1000);
            exchange.getResponseBody().flush();
            awaitQuietly(testEnded);
        }, Executors.newVirtualThreadPerTaskExecutor());
        assertThatThrownBy(() -> fetchWithStallTimeout(Duration.ofMillis(500))).isInstanceOf(IOException.class)
                .hasMessage("reading at 1000 of 100000 bytes failed 4 times without progress: no data for 500ms");
    }

    /** {@return the blob as a resolver with {@code stallTimeout} reads it} */
    private byte[] fetchWithStallTimeout(Duration stallTimeout) throws IOException {
        DockerResolver impatient = new DockerResolver(hosts, ResolverOptions.defaults().withStallTimeout(stallTimeout));
        try (InputStream in = impatient.fetcher(ref(":v1")).fetch(BLOB_DESC)) {
            return in.readAllBytes();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_server_that_ignores_range_has_the_offset_skipped() throws IOException {
        server = new FakeHttpServer(exchange -> respond(exchange, 200, BLOB));
        try (InputStream in = resolver.fetcher(ref(":v1")).fetch(BLOB_DESC, 70_000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(BLOB, 70_000, BLOB.length));
        }
    }

    @Test
    void a_wrong_content_range_is_an_error_and_extra_bytes_are_not_read() throws IOException {
        server = new FakeHttpServer(exchange -> {
            exchange.getResponseHeaders().set("Content-Range", "bytes 0-99999/100000");
            respond(exchange, 206, BLOB);
        });
        assertThatThrownBy(() -> resolver.fetcher(ref(":v1")).fetch(BLOB_DESC, 10))
                .hasMessage("unhandled content range in response: bytes 0-99999/100000");
        ImageDescriptor shorter = ImageDescriptor.of(BLOB_DESC.mediaType(), BLOB_DESC.digest(), 1000);
        try (InputStream in = resolver.fetcher(ref(":v1")).fetch(shorter)) {
            assertThat(in.readAllBytes()).hasSize(1000);
        }
    }

    @Test
    void resolve_digests_the_manifest_when_head_gives_no_digest_and_uses_get_after_405() throws IOException {
        byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        server = new FakeHttpServer(exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                respond(exchange, 405, "");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST + "; charset=utf-8");
            respond(exchange, 200, manifest);
        });
        Resolved resolved = resolver.resolve(ref(":v1"));
        assertThat(resolved.descriptor()).isEqualTo(ImageDescriptor.of(MediaTypes.OCI_MANIFEST,
                DigestAlgorithm.CANONICAL.digest(manifest), manifest.length));
        // the HEAD became a GET on 405, and without a digest header the manifest was read again to digest it
        assertThat(server.requests()).containsExactly("HEAD /v2/team/app/manifests/v1", "GET /v2/team/app/manifests/v1",
                "GET /v2/team/app/manifests/v1");
        assertThat(server.seen().getFirst().header("Accept")).isEqualTo(String.join(", ", MediaTypes.DOCKER_MANIFEST,
                MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, "*/*"));
    }

    @Test
    void oversized_manifests_are_refused_without_being_read() throws IOException {
        byte[] huge = new byte[(int) DockerResolver.MAX_MANIFEST_SIZE + 100_000];
        server = new FakeHttpServer(exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/declared")) {
                exchange.getResponseHeaders().set("Docker-Content-Digest", "sha256:" + "a".repeat(64));
                exchange.getResponseHeaders().set("Content-Length", "50000000");
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            respond(exchange, 200, huge);
        });
        assertThatThrownBy(() -> resolver.resolve(ref(":declared")))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessage("rejecting 50000000 byte manifest for " + ref(":declared") + ": not found");
        assertThatThrownBy(() -> resolver.resolve(ref(":streamed")))
                .hasMessage("rejecting " + (DockerResolver.MAX_MANIFEST_SIZE + 1) + " byte manifest for " + ref(":streamed") + ": not found");
    }

    @Test
    void read_document_refuses_before_asking_and_checks_the_digest() throws IOException {
        server = new FakeHttpServer(exchange -> respond(exchange, 200, "{\"tampered\":true}"));
        byte[] real = "{\"real\":true}".getBytes(StandardCharsets.UTF_8);
        Fetcher fetcher = resolver.fetcher(ref(":v1"));
        ImageDescriptor big = ImageDescriptor.of(MediaTypes.OCI_CONFIG, DigestAlgorithm.CANONICAL.digest(real), 10L << 20);
        assertThatThrownBy(() -> fetcher.readDocument(big, 1 << 20))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED));
        assertThat(server.seen()).isEmpty();
        ImageDescriptor config = ImageDescriptor.of(MediaTypes.OCI_CONFIG, DigestAlgorithm.CANONICAL.digest(real), 16);
        assertThatThrownBy(() -> fetcher.readDocument(config, 1 << 20))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION))
                .hasMessageContaining("from remote has digest");
    }

    @Test
    void errors_carry_the_status_kind_and_the_registrys_message() throws IOException {
        server = new FakeHttpServer(exchange -> {
            int status = exchange.getRequestURI().getPath().contains("forbidden") ? 403 : 500;
            respond(exchange, status, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no way\"}]}");
        });
        assertThatThrownBy(() -> resolver.resolve(ref(":v1")))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNKNOWN))
                .hasMessage("pulling from host " + server.address() + " failed with status code [manifests v1]: 500 Internal Server Error");
        assertThatThrownBy(() -> resolver.fetcher(server.address() + "/forbidden/x:v1").fetch(BLOB_DESC))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED))
                .hasMessage("unexpected status code http://" + server.address() + "/v2/forbidden/x/blobs/" + BLOB_DESC.digest()
                        + ": 403 Forbidden - Server message: denied: no way");
    }

    @Test
    void an_unreachable_endpoint_is_unavailable() throws IOException {
        int dead = io.jcontainerd.registry.testing.LocalRegistry.freePort();
        assertThatThrownBy(() -> resolver.resolve("127.0.0.1:" + dead + "/x:v1"))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessageStartingWith("failed to do request: Head \"http://127.0.0.1:" + dead + "/v2/x/manifests/v1\": ");
    }

    @Test
    void a_redirected_blob_does_not_carry_the_registrys_credentials() throws IOException {
        other = new FakeHttpServer(exchange -> respond(exchange, 200, BLOB));
        server = new FakeHttpServer(exchange -> {
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"r\"");
                respond(exchange, 401, "");
                return;
            }
            exchange.getResponseHeaders().set("Location", "http://" + other.address() + "/storage/blob?sig=1");
            respond(exchange, 307, "");
        });
        try (ConfiguredHosts withUser = ConfiguredHosts.builder().credentials(Credentials.of("u", "p")).build();
             InputStream in = new DockerResolver(withUser).fetcher(ref(":v1")).fetch(BLOB_DESC)) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
        }
        assertThat(server.seen()).extracting(s -> s.header("Authorization")).containsExactly(null, "Basic dTpw");
        assertThat(other.requests()).containsExactly("GET /storage/blob?sig=1");
        assertThat(other.seen().getFirst().header("Authorization")).isNull();
    }

    @Test
    void a_push_checks_the_digest_the_registry_reports() throws IOException {
        server = new FakeHttpServer(exchange -> {
            switch (exchange.getRequestMethod()) {
                case "HEAD" -> respond(exchange, 404, "");
                case "POST" -> {
                    exchange.getResponseHeaders().set("Location", "/v2/team/app/blobs/uploads/u1?_state=s");
                    respond(exchange, 202, "");
                }
                default -> {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().set("Docker-Content-Digest", Digest.fromString("other").toString());
                    respond(exchange, 201, "");
                }
            }
        });
        assertThatThrownBy(() -> resolver.pusher(ref(":v1")).push(BLOB_DESC, BlobSource.of(BLOB)))
                .hasMessage("got digest " + Digest.fromString("other") + ", expected " + BLOB_DESC.digest());
        assertThat(server.requests()).containsExactly("HEAD /v2/team/app/blobs/" + BLOB_DESC.digest(),
                "POST /v2/team/app/blobs/uploads/",
                "PUT /v2/team/app/blobs/uploads/u1?_state=s&digest=" + BLOB_DESC.digest().toString().replace(":", "%3A"));
    }

    @Test
    void a_mirror_is_told_which_namespace_is_asked_for(@org.junit.jupiter.api.io.TempDir java.nio.file.Path hostsDir) throws IOException {
        byte[] manifest = "{}".getBytes(StandardCharsets.UTF_8);
        server = new FakeHttpServer(exchange -> {
            exchange.getResponseHeaders().set("Docker-Content-Digest", DigestAlgorithm.CANONICAL.digest(manifest).toString());
            exchange.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
            respond(exchange, 200, manifest);
        });
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(hostsDir.resolve("docker.io"));
        java.nio.file.Files.writeString(folder.resolve("hosts.toml"),
                "[host.\"http://" + server.address() + "/mirror\"]\ncapabilities = [\"pull\", \"resolve\"]\n"
                        + "[host.\"http://" + server.address() + "/mirror\".header]\nx-mirror-key = \"k1\"\n");
        try (ConfiguredHosts mirrored = ConfiguredHosts.builder().hostsDirectory(hostsDir).build()) {
            new DockerResolver(mirrored).resolve("docker.io/library/busybox:latest");
        }
        assertThat(server.requests()).containsExactly("HEAD /mirror/v2/library/busybox/manifests/latest?ns=docker.io");
        assertThat(server.seen().getFirst().header("x-mirror-key")).isEqualTo("k1");
        assertThat(server.seen().getFirst().header("User-Agent")).isEqualTo(io.jcontainerd.registry.http.UserAgent.DEFAULT);
    }
}
