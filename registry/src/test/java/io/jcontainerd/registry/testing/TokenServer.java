package io.jcontainerd.registry.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jcontainerd.registry.tls.PemFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A token server for distribution's token auth, on com.sun.net.httpserver: GET with Basic
 * credentials or anonymous, and the OAuth2 POST. Known users get every action they ask for;
 * anonymous requests get nothing. Tokens are RS256 JWTs whose {@code x5c} header carries the
 * signing certificate, which the registry verifies against its rootcertbundle.
 */
public final class TokenServer implements AutoCloseable {
    public static final String SERVICE = "jcontainerd-test-registry";
    public static final String ISSUER = "jcontainerd-test-issuer";
    /** distribution's {@code token.Leeway}: how long past {@code exp} (and before {@code nbf}) it still takes a token. */
    public static final Duration REGISTRY_LEEWAY = Duration.ofSeconds(60);

    private final HttpServer server;
    private final PrivateKey key;
    private final String x5c;
    private final Map<String, String> users;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int expiresIn = 300;
    private volatile Duration acceptedFor = Duration.ofMinutes(10);

    public TokenServer(Path certificate, Path privateKey, Map<String, String> users) throws IOException {
        this.key = PemFiles.readPrivateKey(privateKey);
        X509Certificate cert = PemFiles.readCertificates(certificate).getFirst();
        try {
            this.x5c = Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
        this.users = Map.copyOf(users);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::handle);
        server.start();
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** Each request as "METHOD user scope…" ("-" for anonymous), in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void expiresIn(int seconds) {
        this.expiresIn = seconds;
    }

    /**
     * Tokens issued from now on are taken by the registry for about {@code period} only, while
     * {@code expires_in} still promises longer: the registry refuses them with {@code invalid_token}
     * as it does revoked ones. distribution allows {@link #REGISTRY_LEEWAY} past a token's
     * {@code exp}, so that claim is set that much earlier.
     */
    public void acceptedFor(Duration period) {
        this.acceptedFor = period;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            parseForm(exchange.getRequestURI().getRawQuery(), params);
            String user = null;
            String password = null;
            if (exchange.getRequestMethod().equals("POST")) {
                parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
                if ("password".equals(first(params, "grant_type"))) {
                    user = first(params, "username");
                    password = first(params, "password");
                }
            } else {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (auth != null && auth.startsWith("Basic ")) {
                    String pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
                    user = pair.substring(0, pair.indexOf(':'));
                    password = pair.substring(pair.indexOf(':') + 1);
                }
            }
            List<String> scopes = new ArrayList<>();
            for (String scope : params.getOrDefault("scope", List.of())) {
                scopes.addAll(List.of(scope.split(" ")));
            }
            requests.add(exchange.getRequestMethod() + " " + (user == null ? "-" : user) + " " + String.join(" ", scopes));
            if (user != null && !password.equals(users.get(user))) {
                send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
                return;
            }
            String token = jwt(user, user == null ? List.of() : scopes);
            String field = exchange.getRequestMethod().equals("POST") ? "access_token" : "token";
            send(exchange, 200, "{\"" + field + "\":\"" + token + "\",\"expires_in\":" + expiresIn + "}");
        } catch (GeneralSecurityException | RuntimeException e) {
            send(exchange, 500, "{\"error\":\"" + e + "\"}");
        }
    }

    private String jwt(String subject, List<String> scopes) throws GeneralSecurityException, IOException {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> access = new ArrayList<>();
        for (String scope : scopes) {
            int first = scope.indexOf(':');
            int last = scope.lastIndexOf(':');
            if (first < 0 || last == first) {
                continue;
            }
            access.add(Map.of("type", scope.substring(0, first), "name", scope.substring(first + 1, last),
                    "actions", List.of(scope.substring(last + 1).split(","))));
        }
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject == null ? "" : subject);
        claims.put("aud", SERVICE);
        claims.put("exp", now + acceptedFor.toSeconds() - REGISTRY_LEEWAY.toSeconds());
        claims.put("nbf", now - 10);
        claims.put("iat", now);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", access);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString(json.writeValueAsBytes(Map.of("typ", "JWT", "alg", "RS256", "x5c", List.of(x5c))));
        String body = url.encodeToString(json.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + url.encodeToString(signature.sign());
    }

    private static void parseForm(String raw, Map<String, List<String>> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    private static String first(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
