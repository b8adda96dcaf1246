package io.jcontainerd.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static DockerConfigCredentials parse(String json) {
        return DockerConfigCredentials.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
    }

    @Test
    void reads_auth_username_password_and_identity_tokens() {
        DockerConfigCredentials creds = parse("""
                {"auths": {
                  "https://index.docker.io/v1/": {"auth": "%s"},
                  "localhost:5000": {"username": "u", "password": "p"},
                  "https://ghcr.io": {"identitytoken": "refresh-me", "auth": "%s"},
                  "quay.io": {}
                }, "credHelpers": {"gcr.io": "gcloud"}}
                """.formatted(b64("hub:pa:ss"), b64("x:y")));
        assertThat(creds.forHost("registry-1.docker.io")).contains(new Credential("hub", "pa:ss"));
        assertThat(creds.forHost("docker.io")).contains(new Credential("hub", "pa:ss"));
        assertThat(creds.forHost("localhost:5000")).contains(new Credential("u", "p"));
        assertThat(creds.forHost("ghcr.io")).contains(new Credential("", "refresh-me"));
        assertThat(creds.forHost("quay.io")).isEmpty();
        // credential helpers are not run
        assertThat(creds.forHost("gcr.io")).isEmpty();
    }

    @Test
    void a_missing_file_has_no_credentials_and_a_bad_auth_is_an_error(@TempDir Path dir) {
        assertThat(DockerConfigCredentials.load(dir.resolve("none.json")).forHost("docker.io")).isEmpty();
        assertThatThrownBy(() -> parse("{\"auths\":{\"x.io\":{\"auth\":\"not base64!\"}}}"))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("x.io");
        assertThatThrownBy(() -> parse("{\"auths\":{\"x.io\":{\"auth\":\"" + b64("nocolon") + "\"}}}"))
                .isInstanceOf(ErrdefsException.class);
        assertThatThrownBy(() -> parse("{")).isInstanceOf(ErrdefsException.class);
    }

    @Test
    void secrets_stay_out_of_to_string() {
        assertThat(new Credential("u", "p4ss")).hasToString("Credential[username=u, secret=***]");
    }
}
