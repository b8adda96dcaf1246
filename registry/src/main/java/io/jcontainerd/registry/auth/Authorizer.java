package io.jcontainerd.registry.auth;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Authorises registry requests from what 401 responses asked for, caching the credentials or
 * tokens it obtains. Safe for concurrent use.
 */
public interface Authorizer {
    /** Sends no Authorization header and never retries; for hosts a redirect moved the request to. */
    Authorizer NONE = new Authorizer() {
        @Override
        public Optional<String> authorization(URI uri, List<String> scopes) {
            return Optional.empty();
        }

        @Override
        public boolean unauthorized(Unauthorized response) {
            return false;
        }
    };

    /**
     * {@return the Authorization header value for a request to {@code uri}, if a challenge from its
     * host has been answered}; may fetch a token for {@code scopes}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException when a needed token cannot be fetched
     */
    Optional<String> authorization(URI uri, List<String> scopes);

    /**
     * Takes in a 401 and prepares an answer to its challenges.
     *
     * @return whether the request is worth sending again
     * @throws io.jcontainerd.core.errdefs.ErrdefsException UNAUTHENTICATED "… authorization failed"
     *     when the registry rejected what was already sent for this request
     */
    boolean unauthorized(Unauthorized response);

    /**
     * A 401 response.
     *
     * @param challenges the response's {@code WWW-Authenticate} values
     * @param repeated   whether this same request (method and URL) had already been answered 401
     * @param scopes     the token scopes the request needed
     */
    record Unauthorized(String method, URI uri, List<String> challenges, boolean repeated, List<String> scopes) {
        public Unauthorized {
            challenges = List.copyOf(challenges);
            scopes = List.copyOf(scopes);
        }
    }
}
