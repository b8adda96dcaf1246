package io.jcontainerd.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.registry.http.Bodies;
import io.jcontainerd.registry.http.UnexpectedStatus;
import io.jcontainerd.registry.http.UserAgent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fetches bearer tokens from a challenge's realm, as upstream's {@code auth/fetch.go}: with a
 * secret, the OAuth2 POST (password or refresh-token grant), falling back to the GET endpoint with
 * Basic credentials when the server does not support POST; anonymously, the GET endpoint.
 */
final class TokenFetcher {
    static final String CLIENT_ID = "containerd-client";
    /** The docker token spec's default when a response has no {@code expires_in}. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    /** Statuses after which upstream retries a failed POST as GET (405 only with a username). */
    private static final Set<Integer> POST_UNSUPPORTED = Set.of(404, 401, 400);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Map<String, List<String>> headers;
    private final InstantSource clock;

    TokenFetcher(HttpClient client, Map<String, List<String>> headers, InstantSource clock) {
        this.client = client;
        this.headers = Map.copyOf(headers);
        this.clock = clock;
    }

    /**
     * @throws ErrdefsException "failed to fetch oauth token: …" or "failed to fetch anonymous token: …",
     *     with the kind of the token server's status (401 UNAUTHENTICATED, 403 PERMISSION_DENIED, …)
     */
    Token fetch(TokenOptions options) {
        if (options.secret().isEmpty()) {
            try {
                return fetchWithGet(options);
            } catch (ErrdefsException e) {
                throw wrap("failed to fetch anonymous token: ", e);
            }
        }
        Reply reply;
        try {
            reply = postOAuth(options);
        } catch (ErrdefsException e) {
            throw wrap("failed to fetch oauth token: ", e);
        }
        boolean getMayWork = POST_UNSUPPORTED.contains(reply.status) || reply.status == 405 && !options.username().isEmpty();
        if (!reply.ok() && getMayWork) {
            try {
                return fetchWithGet(options);
            } catch (ErrdefsException e) {
                throw wrap("failed to fetch oauth token: ", e);
            }
        }
        try {
            String token = reply.json().path("access_token").asText("");
            if (token.isEmpty()) {
                throw noToken();
            }
            return token(token, reply.json());
        } catch (ErrdefsException e) {
            throw wrap("failed to fetch oauth token: ", e);
        }
    }

    private Reply postOAuth(TokenOptions options) {
        Map<String, String> form = new LinkedHashMap<>();
        if (!options.scopes().isEmpty()) {
            form.put("scope", String.join(" ", options.scopes()));
        }
        form.put("service", options.service());
        form.put("client_id", CLIENT_ID);
        if (options.username().isEmpty()) {
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", options.secret());
        } else {
            form.put("grant_type", "password");
            form.put("username", options.username());
            form.put("password", options.secret());
        }
        URI realm = URI.create(options.realm());
        HttpRequest.Builder request = HttpRequest.newBuilder(realm)
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        return send(request, realm, "POST");
    }

    private Token fetchWithGet(TokenOptions options) {
        Map<String, String> params = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        if (!options.service().isEmpty()) {
            params.put("service", options.service());
        }
        query.append(encode(params));
        for (String scope : options.scopes()) {
            query.append(query.isEmpty() ? "" : "&").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        String realm = options.realm();
        URI uri = URI.create(query.isEmpty() ? realm : realm + (realm.contains("?") ? "&" : "?") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (!options.secret().isEmpty()) {
            String basic = options.username() + ":" + options.secret();
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode body = send(request, uri, "GET").json();
        // access_token is the OAuth2 name of the same thing; when both come, it wins, as upstream
        String token = body.path("access_token").asText("");
        if (token.isEmpty()) {
            token = body.path("token").asText("");
        }
        if (token.isEmpty()) {
            throw noToken();
        }
        return token(token, body);
    }

    private Token token(String value, JsonNode body) {
        long seconds = body.path("expires_in").asLong(0);
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
        return new Token(value, clock.instant().plus(lifetime));
    }

    private Reply send(HttpRequest.Builder request, URI uri, String method) {
        headers.forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("User-Agent"))) {
            request.header("User-Agent", UserAgent.DEFAULT);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.UNAVAILABLE, method + " " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrdefsException(ErrorKind.CANCELED, "token request interrupted", e);
        }
        byte[] body;
        try {
            body = Bodies.readAtMost(response.body(), Bodies.SMALL_BODY_LIMIT);
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.UNAVAILABLE, method + " " + uri + ": " + e, e);
        }
        return new Reply(method, uri, response.statusCode(), body);
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static ErrdefsException noToken() {
        return new ErrdefsException(ErrorKind.UNKNOWN, "authorization server did not include a token in the response");
    }

    private static ErrdefsException wrap(String prefix, ErrdefsException e) {
        return new ErrdefsException(e.kind(), prefix + e.getMessage(), e);
    }

    /** A token server's answer, read before its status is judged so a failed POST can fall back to GET. */
    private record Reply(String method, URI uri, int status, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 400;
        }

        /** @throws ErrdefsException for an unexpected status or a body that is not JSON */
        JsonNode json() {
            if (!ok()) {
                throw UnexpectedStatus.error(method, uri, status, body);
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "unable to decode token response: " + e.getMessage(), e);
            }
        }
    }
}
