package io.jcontainerd.registry.auth;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Docker's registry authentication, after upstream's {@code dockerAuthorizer}: one handler per
 * host, made from the first 401 that host sends. A Basic handler sends the host's credential; a
 * credential that is a ready Authorization value is sent as it is, whatever the challenge; a
 * Bearer handler fetches a token per scope set (the request's scopes plus those of the first
 * challenge) and caches it until it expires or the registry answers 401 to it. Concurrent
 * requests for the same scopes share one token fetch.
 */
public final class DockerAuthorizer implements Authorizer {
    /** How upstream's ErrInvalidAuthorization reads: the registry refused what was sent. */
    public static final String INVALID_AUTHORIZATION = "authorization failed";

    private static final System.Logger LOG = System.getLogger(DockerAuthorizer.class.getName());

    private final Credentials credentials;
    private final TokenFetcher tokens;
    private final InstantSource clock;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

    /**
     * @param client  sends the token requests (the registry host's client, so the same TLS applies)
     * @param headers sent with token requests; a User-Agent is added when missing
     */
    public DockerAuthorizer(HttpClient client, Map<String, List<String>> headers, Credentials credentials, InstantSource clock) {
        this.credentials = credentials;
        this.clock = clock;
        this.tokens = new TokenFetcher(client, headers, clock);
    }

    public DockerAuthorizer(HttpClient client, Map<String, List<String>> headers, Credentials credentials) {
        this(client, headers, credentials, InstantSource.system());
    }

    @Override
    public Optional<String> authorization(URI uri, List<String> scopes) {
        Handler handler = handlers.get(hostOf(uri));
        return handler == null ? Optional.empty() : Optional.of(handler.authorization(scopes));
    }

    @Override
    public boolean unauthorized(Unauthorized response) {
        String host = hostOf(response.uri());
        for (AuthChallenge challenge : AuthChallenge.parse(response.challenges())) {
            switch (challenge.scheme()) {
                case BEARER -> {
                    return bearerChallenge(host, challenge, response);
                }
                case BASIC -> {
                    Optional<Credential> credential = credentials.forHost(host);
                    if (credential.isPresent() && !credential.get().authorization().isEmpty()) {
                        return headerAnswers(host, credential.get(), response);
                    }
                    if (credential.isPresent() && !credential.get().username().isEmpty() && !credential.get().secret().isEmpty()) {
                        Handler previous = handlers.put(host, new BasicHandler(credential.get()));
                        // the same credential was already sent and refused: asking again cannot help
                        return !(response.repeated() && previous instanceof BasicHandler b && b.credential.equals(credential.get()));
                    }
                }
                case DIGEST -> {
                    // not answered, as upstream
                }
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "no supported auth scheme in challenge from {0}", host);
        return false;
    }

    private boolean bearerChallenge(String host, AuthChallenge challenge, Unauthorized response) {
        String error = challenge.parameter("error");
        if (!error.isEmpty() && response.repeated()) {
            handlers.remove(host);
            throw new ErrdefsException(ErrorKind.UNAUTHENTICATED, "server message: " + error + ": " + INVALID_AUTHORIZATION);
        }
        if (handlers.get(host) instanceof BearerHandler existing) {
            if (response.repeated()) {
                return false;
            }
            // a token the registry no longer takes (expired or revoked early): fetch a fresh one
            existing.forget(response.scopes());
            return true;
        }
        String realm = challenge.parameter("realm");
        if (realm.isEmpty()) {
            throw new ErrdefsException(ErrorKind.UNAUTHENTICATED, "no realm specified for token auth challenge");
        }
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new ErrdefsException(ErrorKind.UNAUTHENTICATED, "invalid token auth challenge realm: " + e.getMessage(), e);
        }
        if (!"https".equalsIgnoreCase(realmUri.getScheme()) && !"http".equalsIgnoreCase(realmUri.getScheme())) {
            throw new ErrdefsException(ErrorKind.UNAUTHENTICATED, "invalid token auth challenge realm: " + realm);
        }
        Credential credential = credentials.forHost(host).orElse(new Credential("", ""));
        if (!credential.authorization().isEmpty()) {
            return headerAnswers(host, credential, response);
        }
        String scope = challenge.parameter("scope");
        List<String> common = scope.isEmpty() ? List.of() : Arrays.asList(scope.split(" "));
        handlers.put(host, new BearerHandler(new TokenOptions(realm, challenge.parameter("service"), common,
                credential.username(), credential.secret())));
        return true;
    }

    /** A ready Authorization value answers the challenge; {@return false when that very value was just refused} */
    private boolean headerAnswers(String host, Credential credential, Unauthorized response) {
        Handler previous = handlers.put(host, new HeaderHandler(credential.authorization()));
        return !(response.repeated() && previous instanceof HeaderHandler h && h.value().equals(credential.authorization()));
    }

    /** {@return whether {@code e} says the registry refused the credentials or token sent (upstream's ErrInvalidAuthorization)} */
    public static boolean isInvalidAuthorization(ErrdefsException e) {
        return e.is(ErrorKind.UNAUTHENTICATED) && e.getMessage().endsWith(": " + INVALID_AUTHORIZATION);
    }

    /** Go's {@code URL.Host}: the host with its port when the URL has one. */
    static String hostOf(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private sealed interface Handler permits BasicHandler, BearerHandler, HeaderHandler {
        String authorization(List<String> scopes);
    }

    private record BasicHandler(Credential credential) implements Handler {
        @Override
        public String authorization(List<String> scopes) {
            String pair = credential.username() + ":" + credential.secret();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Sends the credential's ready Authorization value whatever the scopes. */
    private record HeaderHandler(String value) implements Handler {
        @Override
        public String authorization(List<String> scopes) {
            return value;
        }
    }

    private final class BearerHandler implements Handler {
        private final TokenOptions common;
        /** Keyed by the space-joined sorted scopes, as upstream's {@code scopedTokens}. */
        private final Map<String, CompletableFuture<Token>> cache = new ConcurrentHashMap<>();

        BearerHandler(TokenOptions common) {
            this.common = common;
        }

        @Override
        public String authorization(List<String> scopes) {
            List<String> all = scopesFor(scopes);
            String key = String.join(" ", all);
            while (true) {
                CompletableFuture<Token> mine = new CompletableFuture<>();
                CompletableFuture<Token> current = cache.putIfAbsent(key, mine);
                if (current == null) {
                    fetchInto(mine, key, all);
                    current = mine;
                }
                Token token = await(current);
                if (!token.expired(clock.instant())) {
                    return "Bearer " + token.value();
                }
                cache.remove(key, current);
            }
        }

        void forget(List<String> scopes) {
            cache.remove(String.join(" ", scopesFor(scopes)));
        }

        /** The request's scopes and the first challenge's, sorted and without duplicates. */
        private List<String> scopesFor(List<String> scopes) {
            TreeSet<String> all = new TreeSet<>(scopes);
            all.addAll(common.scopes());
            return new ArrayList<>(all);
        }

        private void fetchInto(CompletableFuture<Token> future, String key, List<String> scopes) {
            try {
                future.complete(tokens.fetch(common.withScopes(scopes)));
            } catch (RuntimeException e) {
                // a failed fetch is not cached: the next request tries again
                cache.remove(key, future);
                future.completeExceptionally(e);
            }
        }

        private static Token await(CompletableFuture<Token> future) {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
