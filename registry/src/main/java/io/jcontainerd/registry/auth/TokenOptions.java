package io.jcontainerd.registry.auth;

import java.util.List;

/**
 * What a token request asks for: the challenge's realm and service, the scopes and the credential.
 *
 * @param username "" for anonymous or identity-token requests
 * @param secret   "" for anonymous requests
 */
record TokenOptions(String realm, String service, List<String> scopes, String username, String secret) {
    TokenOptions {
        scopes = List.copyOf(scopes);
    }

    TokenOptions withScopes(List<String> newScopes) {
        return new TokenOptions(realm, service, newScopes, username, secret);
    }
}
