package io.jcontainerd.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
    @Test
    void reads_a_bearer_challenge() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:samalba/my-app:pull,push\""));
        assertThat(challenges).containsExactly(new AuthChallenge(AuthScheme.BEARER, Map.of(
                "realm", "https://auth.docker.io/token", "service", "registry.docker.io",
                "scope", "repository:samalba/my-app:pull,push")));
    }

    @Test
    void prefers_bearer_and_skips_unknown_schemes() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of("Basic realm=\"basic-realm\"", "Negotiate abc",
                "BEARER Realm=token-realm, error=\"invalid_token\""));
        assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly(AuthScheme.BEARER, AuthScheme.BASIC);
        assertThat(challenges.getFirst().parameters()).isEqualTo(Map.of("realm", "token-realm", "error", "invalid_token"));
    }

    @Test
    void unescapes_quoted_values_and_keeps_what_it_read_of_a_broken_header() {
        assertThat(AuthChallenge.parse(List.of("Basic realm=\"a \\\"quoted\\\" realm\"")).getFirst().parameter("realm"))
                .isEqualTo("a \"quoted\" realm");
        assertThat(AuthChallenge.parse(List.of("Bearer realm=\"x\", service=\"unterminated")).getFirst().parameters())
                .isEqualTo(Map.of("realm", "x", "service", ""));
        assertThat(AuthChallenge.parse(List.of("Bearer realm")).getFirst().parameters()).isEmpty();
    }
}
