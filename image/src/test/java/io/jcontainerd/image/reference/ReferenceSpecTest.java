package io.jcontainerd.image.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Cases from containerd 1.6's reference/reference_test.go. */
class ReferenceSpecTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            docker.io/library/redis:foo?fooo=asdf                   | docker.io/library/redis | foo                | docker.io/library/redis:foo | sha256:abcdef-X
            docker.io/library/redis:foo@sha256:abcdef?fooo=asdf     | docker.io/library/redis | foo@sha256:abcdef  | docker.io/library/redis:foo@sha256:abcdef | sha256:abcdef
            docker.io/library/redis@sha256:abcdef?fooo=asdf         | docker.io/library/redis | @sha256:abcdef     | docker.io/library/redis@sha256:abcdef | sha256:abcdef
            docker.io/library/redis:obj@abcdef?fooo=asdf            | docker.io/library/redis | obj@abcdef         | docker.io/library/redis:obj@abcdef | abcdef
            localhost:5000/library/redis:obj@abcdef?fooo=asdf       | localhost:5000/library/redis | obj@abcdef    | localhost:5000/library/redis:obj@abcdef | abcdef
            docker.io/library/redis?fooo=asdf                       | docker.io/library/redis | ''                 | docker.io/library/redis | ''
            sub-dom1.foo.com/bar/baz/quux:some-long-tag             | sub-dom1.foo.com/bar/baz/quux | some-long-tag | sub-dom1.foo.com/bar/baz/quux:some-long-tag | ''
            b.gcr.io/test.example.com/my-app:test.example.com       | b.gcr.io/test.example.com/my-app | test.example.com | b.gcr.io/test.example.com/my-app:test.example.com | ''
            xn--7o8h.com/myimage:xn--7o8h.com@sha512:fffffff        | xn--7o8h.com/myimage | xn--7o8h.com@sha512:fffffff | xn--7o8h.com/myimage:xn--7o8h.com@sha512:fffffff | sha512:fffffff
            """)
    void parses_like_upstream(String input, String locator, String object, String normalized, String digest) {
        ReferenceSpec spec = ReferenceSpec.parse(input);
        assertThat(spec.locator()).isEqualTo(locator);
        assertThat(spec.object()).isEqualTo(object);
        assertThat(spec).hasToString(normalized);
        if (!digest.endsWith("-X")) {
            assertThat(spec.digest()).isEqualTo(digest);
        } else {
            assertThat(spec.digest()).isEmpty();
        }
    }

    @Test
    void host_repository_tag_and_scope() {
        ReferenceSpec spec = ReferenceSpec.parse("localhost:5000/team/app:v1@sha256:abc");
        assertThat(spec.hostname()).isEqualTo("localhost:5000");
        assertThat(spec.repository()).isEqualTo("team/app");
        assertThat(spec.tag()).isEqualTo("v1");
        assertThat(spec.repositoryScope(false)).isEqualTo("repository:team/app:pull");
        assertThat(spec.repositoryScope(true)).isEqualTo("repository:team/app:pull,push");
        // userinfo is dropped and the path cleaned, as Go's url.Parse and path.Join do
        assertThat(ReferenceSpec.parse("user@host/a/../b/./c:t").locator()).isEqualTo("host/b/c");
        assertThat(ReferenceSpec.parse("[::1]:5000/x:y").hostname()).isEqualTo("[::1]:5000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /docker.io/library/redis:obj@abcdef?fooo=asdf         | hostname required
            ''                                                     | hostname required
            http://xn--7o8h.com/myimage:xn--7o8h.com@sha512:fffffff | invalid reference
            nginx:alpine                                           | parse "dummy://nginx:alpine": invalid port ":alpine" after host
            bad host/x:y                                           | parse "dummy://bad host/x:y": invalid character " " in host name
            host/x%zz:y                                            | parse "dummy://host/x%zz:y": invalid URL escape "%zz"
            [::1/x:y                                               | parse "dummy://[::1/x:y": missing ']' in host
            """)
    void rejects_like_upstream(String input, String message) {
        assertThatThrownBy(() -> ReferenceSpec.parse(input))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage(message);
    }
}
