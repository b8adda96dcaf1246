package io.jcontainerd.registry.auth;

import static io.jcontainerd.registry.testing.FakeHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.registry.testing.FakeHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The token flow against a scripted token server, with a clock the test moves. */
class DockerAuthorizerTest {
    static final URI BLOB = URI.create("http://registry.test:5000/v2/team/app/blobs/sha256:x");
    static final List<String> PULL = List.of("repository:team/app:pull");

    final AtomicInteger issued = new AtomicInteger();
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T00:00:00Z"));
    final InstantSource clock = now::get;
    final HttpClient client = HttpClient.newHttpClient();
    FakeHttpServer tokenServer;

    @AfterEach
    void close() {
        if (tokenServer != null) {
            tokenServer.close();
        }
        client.close();
    }

    /** Issues "t1", "t2", … valid for 300 s, as {@code token} to GET and {@code access_token} to POST (unless POST answers {@code postStatus}). */
    FakeHttpServer tokens(int postStatus) throws Exception {
        tokenServer = new FakeHttpServer(exchange -> {
            if (exchange.getRequestMethod().equals("POST") && postStatus != 200) {
                respond(exchange, postStatus, "");
                return;
            }
            String field = exchange.getRequestMethod().equals("POST") ? "access_token" : "token";
            respond(exchange, 200, "{\"" + field + "\":\"t" + issued.incrementAndGet() + "\",\"expires_in\":300}");
        });
        return tokenServer;
    }

    String challenge(String extra) {
        return "Bearer realm=\"http://" + tokenServer.address() + "/token\",service=\"test\",scope=\"repository:team/app:pull\"" + extra;
    }

    Authorizer.Unauthorized unauthorized(List<String> challenges, boolean repeated) {
        return new Authorizer.Unauthorized("GET", BLOB, challenges, repeated, PULL);
    }

    @Test
    void fetches_a_token_per_scope_set_and_reuses_it_until_it_expires() throws Exception {
        tokens(200);
        DockerAuthorizer authorizer = new DockerAuthorizer(client, Map.of(), Credentials.NONE, clock);
        assertThat(authorizer.authorization(BLOB, PULL)).isEmpty();
        assertThat(authorizer.unauthorized(unauthorized(List.of(challenge("")), false))).isTrue();

        assertThat(authorizer.authorization(BLOB, PULL)).contains("Bearer t1");
        assertThat(authorizer.authorization(BLOB, PULL)).contains("Bearer t1");
        assertThat(authorizer.authorization(BLOB, List.of("repository:team/app:pull,push"))).contains("Bearer t2");
        assertThat(tokenServer.requests()).containsExactly(
                "GET /token?service=test&scope=repository%3Ateam%2Fapp%3Apull",
                "GET /token?service=test&scope=repository%3Ateam%2Fapp%3Apull&scope=repository%3Ateam%2Fapp%3Apull%2Cpush");
        // another host has answered no challenge: nothing is sent there
        assertThat(authorizer.authorization(URI.create("https://storage.test/blob"), PULL)).isEmpty();

        now.set(now.get().plus(Duration.ofSeconds(299)));
        assertThat(authorizer.authorization(BLOB, PULL)).contains("Bearer t1");
        now.set(now.get().plus(Duration.ofSeconds(2)));
        assertThat(authorizer.authorization(BLOB, PULL)).contains("Bearer t3");
    }

    @Test
    void a_401_to_a_cached_token_fetches_a_fresh_one_once() throws Exception {
        tokens(200);
        DockerAuthorizer authorizer = new DockerAuthorizer(client, Map.of(), Credentials.NONE, clock);
        authorizer.unauthorized(unauthorized(List.of(challenge("")), false));
        assertThat(authorizer.authorization(BLOB, PULL)).contains("Bearer t1");
        // the registry revoked t1: the next request gets a 401 although the token has not expired
        assertThat(authorizer.unauthorized(unauthorized(List.of(challenge(",error=\"invalid_token\"")), false))).isTrue();
        assertThat(authorizer.authorization(BLOB, PULL)).contains("Bearer t2");
        // refused again for the same request: the credentials are wrong, not stale
        assertThatThrownBy(() -> authorizer.unauthorized(unauthorized(List.of(challenge(",error=\"invalid_token\"")), true)))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED))
                .hasMessage("server message: invalid_token: authorization failed");
        assertThat(authorizer.unauthorized(unauthorized(List.of(challenge("")), true))).isTrue();
        assertThat(authorizer.unauthorized(unauthorized(List.of(challenge("")), true))).isFalse();
    }

    @Test
    void with_credentials_posts_oauth_and_falls_back_to_get_where_post_is_unsupported() throws Exception {
        tokens(404);
        DockerAuthorizer authorizer = new DockerAuthorizer(client, Map.of("User-Agent", List.of("test-agent")),
                Credentials.of("user", "pw"), clock);
        authorizer.unauthorized(unauthorized(List.of(challenge("")), false));
        assertThat(authorizer.authorization(BLOB, PULL)).contains("Bearer t1");
        List<FakeHttpServer.Seen> seen = tokenServer.seen();
        assertThat(seen).extracting(FakeHttpServer.Seen::method).containsExactly("POST", "GET");
        assertThat(seen.get(1).header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("user:pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(seen.get(0).header("User-Agent")).isEqualTo("test-agent");
    }

    /** A token server cannot make us buffer its answer (RELIABILITY M20): 64 KB of it are read, as upstream reads. */
    @Test
    @Timeout(10)
    void a_token_answer_of_a_gibibyte_is_refused_after_its_first_64_kb() throws Exception {
        AtomicLong sent = new AtomicLong();
        tokenServer = new FakeHttpServer(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, as long as the client reads
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte) 'a');
            OutputStream out = exchange.getResponseBody();
            out.write("{\"token\":\"".getBytes(StandardCharsets.US_ASCII));
            try {
                for (int i = 0; i < (1 << 14); i++) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException clientHungUp) {
                // what the test expects
            }
        });
        DockerAuthorizer authorizer = new DockerAuthorizer(client, Map.of(), Credentials.NONE, clock);
        authorizer.unauthorized(unauthorized(List.of(challenge("")), false));
        assertThatThrownBy(() -> authorizer.authorization(BLOB, PULL))
                .hasMessageStartingWith("failed to fetch anonymous token: unable to decode token response");
        assertThat(sent.get()).as("the server could not send the gibibyte").isLessThan(1L << 30);
    }

    @Test
    void a_failed_token_fetch_is_not_cached() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        tokenServer = new FakeHttpServer(exchange -> respond(exchange, calls.incrementAndGet() == 1 ? 503 : 200,
                "{\"token\":\"good\"}"));
        DockerAuthorizer authorizer = new DockerAuthorizer(client, Map.of(), Credentials.NONE, clock);
        authorizer.unauthorized(unauthorized(List.of(challenge("")), false));
        assertThatThrownBy(() -> authorizer.authorization(BLOB, PULL))
                .hasMessageStartingWith("failed to fetch anonymous token: unexpected status from GET request to")
                .hasMessageEndingWith("503 Service Unavailable");
        assertThat(authorizer.authorization(BLOB, PULL)).contains("Bearer good");
    }

    @Test
    void basic_answers_only_with_credentials_and_not_twice_with_the_same_ones() {
        DockerAuthorizer anonymous = new DockerAuthorizer(client, Map.of(), Credentials.NONE, clock);
        assertThat(anonymous.unauthorized(unauthorized(List.of("Basic realm=\"r\""), false))).isFalse();
        assertThat(anonymous.authorization(BLOB, PULL)).isEmpty();

        DockerAuthorizer basic = new DockerAuthorizer(client, Map.of(), Credentials.of("u", "p"), clock);
        assertThat(basic.unauthorized(unauthorized(List.of("Basic realm=\"r\""), false))).isTrue();
        assertThat(basic.authorization(BLOB, PULL)).contains("Basic dTpw");
        assertThat(basic.unauthorized(unauthorized(List.of("Basic realm=\"r\""), true))).isFalse();
    }

    @Test
    void a_bearer_challenge_needs_an_http_realm() {
        DockerAuthorizer authorizer = new DockerAuthorizer(client, Map.of(), Credentials.NONE, clock);
        assertThatThrownBy(() -> authorizer.unauthorized(unauthorized(List.of("Bearer service=\"x\""), false)))
                .hasMessage("no realm specified for token auth challenge");
        assertThatThrownBy(() -> authorizer.unauthorized(unauthorized(List.of("Bearer realm=\"file:///etc/passwd\""), false)))
                .hasMessageStartingWith("invalid token auth challenge realm");
    }

    @Test
    void a_ready_authorization_value_answers_any_challenge_as_it_is_and_not_twice() throws Exception {
        tokens(200);
        Credentials header = host -> java.util.Optional.of(Credential.header("Bearer handed-over"));
        DockerAuthorizer bearer = new DockerAuthorizer(client, Map.of(), header, clock);
        assertThat(bearer.unauthorized(unauthorized(List.of(challenge("")), false))).isTrue();
        assertThat(bearer.authorization(BLOB, PULL)).contains("Bearer handed-over");
        assertThat(bearer.authorization(BLOB, List.of("repository:team/app:pull,push"))).contains("Bearer handed-over");
        assertThat(tokenServer.requests()).as("no token fetched").isEmpty();
        assertThat(bearer.unauthorized(unauthorized(List.of(challenge("")), true))).as("refused: not sent again").isFalse();

        DockerAuthorizer basic = new DockerAuthorizer(client, Map.of(), header, clock);
        assertThat(basic.unauthorized(unauthorized(List.of("Basic realm=\"r\""), false))).isTrue();
        assertThat(basic.authorization(BLOB, PULL)).contains("Bearer handed-over");
        assertThat(Credential.header("Bearer handed-over")).hasToString("Credential[username=, secret=, authorization=***]");
    }
}
