package io.jcontainerd.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.errdefs.ErrorKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistryErrorBodyTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void renders_errors_as_containerd_does() {
        assertThat(RegistryErrorBody.describe(bytes(
                "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\",\"detail\":\"sha256:x\"}]}")))
                .contains("manifest blob unknown: blob unknown to registry");
        assertThat(RegistryErrorBody.describe(bytes("{\"errors\":[{\"code\":\"DENIED\"},{\"code\":\"X\",\"message\":\"m\"}]}")))
                .contains("denied; x: m");
        assertThat(RegistryErrorBody.describe(bytes("<html>bad gateway</html>"))).isEmpty();
        assertThat(RegistryErrorBody.describe(bytes("{\"errors\":[]}"))).isEmpty();
    }

    @Test
    void unexpected_status_names_request_status_and_kind() {
        var e = UnexpectedStatus.error("PUT", URI.create("http://r/v2/x/manifests/v1"), 403,
                bytes("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"));
        assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(e).hasMessage("unexpected status from PUT request to http://r/v2/x/manifests/v1: 403 Forbidden, "
                + "server message: denied: requested access to the resource is denied");
        assertThat(UnexpectedStatus.error("GET", URI.create("http://r/"), 502, new byte[0]))
                .hasMessage("unexpected status from GET request to http://r/: 502 Bad Gateway")
                .satisfies(x -> assertThat(x.kind()).isEqualTo(ErrorKind.UNKNOWN));
    }
}
