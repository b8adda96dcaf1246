package io.jcontainerd.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Credentials from Docker's {@code config.json}: its {@code auths} entries, each with {@code auth}
 * (base64 of {@code user:password}), {@code username}/{@code password}, or {@code identitytoken}.
 * Keys may be URLs ({@code https://index.docker.io/v1/}) or {@code host[:port]}; Docker Hub's entry
 * answers for {@code docker.io}, {@code registry-1.docker.io} and {@code index.docker.io}.
 * Credential helpers ({@code credsStore}, {@code credHelpers}) are not run: hosts only they know
 * have no credentials here.
 */
public final class DockerConfigCredentials implements Credentials {
    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");
    private static final String DOCKER_HUB_KEY = "index.docker.io";

    private final Map<String, Credential> byHost;

    private DockerConfigCredentials(Map<String, Credential> byHost) {
        this.byHost = Map.copyOf(byHost);
    }

    /** {@return the credentials in {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; none when it does not exist} */
    public static DockerConfigCredentials loadDefault() {
        String dir = System.getenv("DOCKER_CONFIG");
        Path base = dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return load(base.resolve("config.json"));
    }

    /**
     * {@return the credentials in {@code file}; none when it does not exist}
     *
     * @throws ErrdefsException INVALID_ARGUMENT when the file is not valid JSON or an {@code auth} is not base64 of user:password
     */
    public static DockerConfigCredentials load(Path file) {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new DockerConfigCredentials(Map.of());
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "failed to read " + file + ": " + e.getMessage(), e);
        }
        return parse(json, file.toString());
    }

    static DockerConfigCredentials parse(byte[] json, String name) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "failed to parse " + name + ": " + e.getMessage(), e);
        }
        Map<String, Credential> byHost = new HashMap<>();
        JsonNode auths = root == null ? null : root.path("auths");
        if (auths != null && auths.isObject()) {
            for (var entry : auths.properties()) {
                credential(entry.getKey(), entry.getValue(), name).ifPresent(c -> byHost.put(hostOf(entry.getKey()), c));
            }
        }
        return new DockerConfigCredentials(byHost);
    }

    @Override
    public Optional<Credential> forHost(String host) {
        String key = host.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(byHost.get(DOCKER_HUB.contains(key) ? DOCKER_HUB_KEY : key));
    }

    private static Optional<Credential> credential(String key, JsonNode entry, String name) {
        String identityToken = entry.path("identitytoken").asText("");
        if (!identityToken.isEmpty()) {
            return Optional.of(new Credential("", identityToken));
        }
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalidAuth(key, name);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw invalidAuth(key, name);
            }
            return Optional.of(new Credential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        String username = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        return username.isEmpty() && password.isEmpty() ? Optional.empty() : Optional.of(new Credential(username, password));
    }

    /** Docker's {@code ConvertToHostname}: a key's scheme and path dropped; Docker Hub's spellings made one. */
    static String hostOf(String key) {
        String host = key;
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        host = host.toLowerCase(Locale.ROOT);
        return DOCKER_HUB.contains(host) ? DOCKER_HUB_KEY : host;
    }

    private static ErrdefsException invalidAuth(String key, String name) {
        return Errdefs.invalidArgument("invalid auth for " + Errdefs.quote(key) + " in " + name
                + ": not base64 of user:password");
    }
}
