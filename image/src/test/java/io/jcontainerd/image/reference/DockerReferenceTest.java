package io.jcontainerd.image.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerReferenceTest {
    private static final String HEX = "a".repeat(64);

    @ParameterizedTest
    @CsvSource({
        "alpine, docker.io/library/alpine:latest",
        "alpine:3, docker.io/library/alpine:3",
        "user/app, docker.io/user/app:latest",
        "index.docker.io/library/alpine, docker.io/library/alpine:latest",
        "example.com/parity/app:v1, example.com/parity/app:v1",
        "localhost/app, localhost/app:latest",
        "localhost:5000/a/b_c__d-e, localhost:5000/a/b_c__d-e:latest",
        "Example.COM/app, Example.COM/app:latest",
    })
    void normalizesAsContainerdStoresImages(String ref, String stored) {
        assertThat(DockerReference.parseDockerRef(ref).toString()).isEqualTo(stored);
    }

    @Test
    void aDigestWinsOverATag() {
        assertThat(DockerReference.parseDockerRef("app:v1@sha256:" + HEX).toString())
                .isEqualTo("docker.io/library/app@sha256:" + HEX);
        assertThat(DockerReference.parseDockerRef("example.com/app@sha256:" + HEX).toString())
                .isEqualTo("example.com/app@sha256:" + HEX);
    }

    @ParameterizedTest
    @CsvSource({
        "docker.io/library/alpine:latest, alpine:latest",
        "docker.io/user/app:1, user/app:1",
        "docker.io/library/a/b:1, library/a/b:1",
        "example.com/parity/app:v1, example.com/parity/app:v1",
    })
    void familiarFormDropsDockerHubDefaults(String ref, String familiar) {
        assertThat(DockerReference.parseNormalizedNamed(ref).tagNameOnly().familiarString()).isEqualTo(familiar);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Alpine|invalid reference format: repository name must be lowercase",
        "example.com/App|invalid reference format: repository name must be lowercase",
        "a:b:c|invalid reference format",
        "|invalid reference format",
        "app@sha256:abc|invalid reference format",
    })
    void refusesWhatUpstreamRefuses(String ref, String message) {
        assertThatThrownBy(() -> DockerReference.parseDockerRef(ref == null ? "" : ref))
                .isInstanceOf(ErrdefsException.class).hasMessage(message);
    }

    @Test
    void refusesABareImageId() {
        assertThatThrownBy(() -> DockerReference.parseNormalizedNamed(HEX))
                .hasMessage("invalid repository name (" + HEX + "), cannot specify 64-byte hexadecimal strings");
    }

    @Test
    void refusesOverlongNames() {
        assertThatThrownBy(() -> DockerReference.parseDockerRef("example.com/" + "a".repeat(250)))
                .hasMessage("repository name must not be more than 255 characters");
    }

    @Test
    void hostileNamesFailFast() {
        // a run of name characters that cannot match: upstream's grammar, run by a backtracking
        // engine, tries every split of the run (20 characters take seconds)
        String hostile = "a".repeat(5000) + "!";
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                assertThatThrownBy(() -> DockerReference.parseDockerRef(hostile)).isInstanceOf(ErrdefsException.class));
    }
}
