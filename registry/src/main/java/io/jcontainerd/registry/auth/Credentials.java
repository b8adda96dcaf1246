package io.jcontainerd.registry.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where credentials for a registry host come from. The host is the one a request goes to, with
 * its port when the URL has one (e.g. {@code registry-1.docker.io}, {@code 127.0.0.1:5000}).
 */
@FunctionalInterface
public interface Credentials {
    Credentials NONE = host -> Optional.empty();

    Optional<Credential> forHost(String host);

    /** {@return the same credential for every host, as {@code ctr --user} gives} */
    static Credentials of(String username, String secret) {
        Credential credential = new Credential(username, secret);
        return host -> Optional.of(credential);
    }

    /** {@return the first source that knows the host} */
    static Credentials firstOf(List<Credentials> sources) {
        List<Credentials> copy = List.copyOf(sources);
        return host -> {
            for (Credentials source : copy) {
                Optional<Credential> found = Objects.requireNonNull(source.forHost(host));
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        };
    }
}
