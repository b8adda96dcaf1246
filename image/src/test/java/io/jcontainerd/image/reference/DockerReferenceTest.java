package io.jcontainerd.image.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases from docker/distribution's reference and normalize tests, which containerd 1.6 vendors. */
class DockerReferenceTest {
    static final String SHA = "sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582";
    static final String FFS = "sha256:" + "f".repeat(64);

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            nginx:alpine                 | docker.io/library/nginx:alpine
            nginx                        | docker.io/library/nginx
            library/debian               | docker.io/library/debian
            docker/docker                | docker.io/docker/docker
            docker.io/debian             | docker.io/library/debian
            index.docker.io/debian       | docker.io/library/debian
            index.docker.io/docker/docker| docker.io/docker/docker
            localhost/foo:bar            | localhost/foo:bar
            localhost:5000/x             | localhost:5000/x
            127.0.0.1:5000/library/debian| 127.0.0.1:5000/library/debian
            gcr.io/a/b/c:v1              | gcr.io/a/b/c:v1
            dock__er/docker              | docker.io/dock__er/docker
            docker---rules/docker        | docker.io/docker---rules/docker
            lowercase:Uppercase          | docker.io/library/lowercase:Uppercase
            foo/foo_bar.com:8080         | docker.io/foo/foo_bar.com:8080
            """)
    void normalises_familiar_references(String input, String full) {
        assertThat(DockerReference.parseNormalizedNamed(input).toString()).isEqualTo(full);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            busybox                              | docker.io/library/busybox:latest
            busybox:latest                       | docker.io/library/busybox:latest
            library/busybox                      | docker.io/library/busybox:latest
            docker.io/busybox                    | docker.io/library/busybox:latest
            gcr.io/library/busybox               | gcr.io/library/busybox:latest
            """)
    void docker_ref_adds_latest(String input, String expected) {
        assertThat(DockerReference.parseDockerRef(input).toString()).isEqualTo(expected);
    }

    @Test
    void docker_ref_keeps_only_the_digest_of_tag_and_digest() {
        assertThat(DockerReference.parseDockerRef("busybox@" + SHA).toString()).isEqualTo("docker.io/library/busybox@" + SHA);
        DockerReference both = DockerReference.parseDockerRef("gcr.io/library/busybox:latest@" + SHA);
        assertThat(both.toString()).isEqualTo("gcr.io/library/busybox@" + SHA);
        assertThat(both.tag()).isEmpty();
    }

    @Test
    void parse_splits_domain_path_tag_and_digest_as_upstream() {
        DockerReference r = DockerReference.parse("test:5000/repo:tag@" + FFS);
        assertThat(r.domain()).isEqualTo("test:5000");
        assertThat(r.path()).isEqualTo("repo");
        assertThat(r.tag()).isEqualTo("tag");
        assertThat(r.digest()).hasToString(FFS);
        // a port alone is a tag, and the first component is a domain only before a slash
        assertThat(DockerReference.parse("test.com:5000")).isEqualTo(new DockerReference("", "test.com", "5000", null));
        assertThat(DockerReference.parse("foo/foo_bar.com:8080").domain()).isEqualTo("foo");
        assertThat(DockerReference.parse("test_com").name()).isEqualTo("test_com");
        String longest = "a/".repeat(127) + "a";
        assertThat(DockerReference.parse(longest + ":tag-puts-this-over-max").path()).isEqualTo("a/".repeat(126) + "a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            :justtag                      | invalid reference format
            aa/asdf$$^/aa                 | invalid reference format
            Uppercase:tag                 | repository name must be lowercase
            test:5000/Uppercase/lowercase:tag | repository name must be lowercase
            docker///docker               | invalid reference format
            -docker                       | invalid reference format
            dock..er/docker               | invalid reference format
            dock_.er/docker               | invalid reference format
            docker-/docker                | invalid reference format
            ____/____                     | invalid reference format
            docker/                       | invalid reference format
            repo@sha256:ffffffffffffffffffffffffffffffffff | invalid checksum digest length
            validname@invaliddigest:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff | unsupported digest algorithm
            """)
    void rejects_invalid_references_with_upstreams_message(String input, String message) {
        assertThatThrownBy(() -> DockerReference.parse(input))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage(message);
    }

    @Test
    void rejects_empty_too_long_uppercase_and_image_ids() {
        assertThatThrownBy(() -> DockerReference.parse("")).hasMessage("repository name must have at least one component");
        assertThatThrownBy(() -> DockerReference.parse("a/".repeat(128) + "a:tag"))
                .hasMessage("repository name must not be more than 255 characters");
        assertThatThrownBy(() -> DockerReference.parseNormalizedNamed("docker/Docker"))
                .hasMessage("invalid reference format: repository name must be lowercase");
        String id = "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a";
        assertThatThrownBy(() -> DockerReference.parseNormalizedNamed(id))
                .hasMessage("invalid repository name (" + id + "), cannot specify 64-byte hexadecimal strings");
        assertThat(DockerReference.parseNormalizedNamed("docker.io/" + id).path()).isEqualTo("library/" + id);
        assertThatThrownBy(() -> DockerReference.parse("repo@sha256:" + "F".repeat(64))).hasMessage("invalid checksum digest format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/docker/docker", "-docker/docker", "-docker.io/docker/docker",
            "docker.io/docker///docker", "_docker/_docker", "dock-.er/docker"})
    void rejects_what_docker_rejects(String input) {
        assertThatThrownBy(() -> DockerReference.parseNormalizedNamed(input)).isInstanceOf(ErrdefsException.class);
    }

    @Test
    void familiar_form_drops_the_default_domain_and_library() {
        assertThat(DockerReference.parseNormalizedNamed("nginx:alpine").familiarString()).isEqualTo("nginx:alpine");
        assertThat(DockerReference.parseNormalizedNamed("docker.io/dmcgowan/myapp").familiarName()).isEqualTo("dmcgowan/myapp");
        assertThat(DockerReference.parseNormalizedNamed("docker.io/library/a/b").familiarName()).isEqualTo("library/a/b");
        assertThat(DockerReference.parseNormalizedNamed("localhost:5000/x@" + SHA).familiarString()).isEqualTo("localhost:5000/x@" + SHA);
    }

    @Test
    void hostile_input_does_not_backtrack_for_ever() {
        // exponential on the original patterns in a backtracking engine; linear here
        String hostile = "a".repeat(5000) + "!";
        String hostileComponents = "a-".repeat(3000) + "-!";
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThatThrownBy(() -> DockerReference.parse(hostile)).hasMessage("invalid reference format");
            assertThatThrownBy(() -> DockerReference.parse(hostileComponents)).hasMessage("invalid reference format");
            assertThatThrownBy(() -> DockerReference.parse("a.".repeat(3000) + "-/x")).isInstanceOf(ErrdefsException.class);
        });
    }

    @Test
    void with_tag_validates_it() {
        DockerReference r = DockerReference.parseNormalizedNamed("busybox");
        assertThat(r.isNameOnly()).isTrue();
        assertThat(r.withTag("1.36").toString()).isEqualTo("docker.io/library/busybox:1.36");
        assertThatThrownBy(() -> r.withTag("-bad")).hasMessage("invalid tag format");
    }
}
