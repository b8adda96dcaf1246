package io.jcontainerd.image.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageKeysTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "example.com/parity/app:v1|v1",
        "docker.io/library/foo:latest|latest",
        "example.com:5000/app:v1|v1",
        "example.com/app@sha256:abc|@sha256:abc",
        "example.com/app:v1@sha256:abc|v1@sha256:abc",
        "example.com/app|''",
        // containerd's reference parser refuses these, so the whole name is the ref name
        "foo:latest|foo:latest",
        "foo@sha256:abc|foo@sha256:abc",
        "a b/c:1|a b/c:1",
        "x://y/z:1|x://y/z:1",
        "app|''",
    })
    void refNameIsTheObjectOfAContainerdReference(String name, String refName) {
        assertThat(ImageKeys.ociReferenceName(name)).isEqualTo(refName);
    }
}
