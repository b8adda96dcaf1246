package io.jcontainerd.image.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectReferenceTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "example.com/parity/app:v1|v1",
        "docker.io/library/foo:latest|latest",
        "example.com:5000/app:v1|v1",
        "example.com/app@sha256:abc|@sha256:abc",
        "example.com/app:v1@sha256:abc|v1@sha256:abc",
        // Go's URL parser refuses these hosts, so the whole name is the ref name
        "foo:latest|foo:latest",
        "foo@sha256:abc|foo@sha256:abc",
        "a b/c:1|a b/c:1",
        "x://y/z:1|x://y/z:1",
    })
    void refNameIsTheObjectOfAParseableReference(String name, String refName) {
        assertThat(ObjectReference.ociReferenceName(name)).isEqualTo(refName);
    }

    @Test
    void aNameWithoutObjectHasAnEmptyRefName() {
        assertThat(ObjectReference.ociReferenceName("example.com/app")).isEmpty();
        assertThat(ObjectReference.ociReferenceName("app")).isEmpty();
    }

    @Test
    void locatorIsHostAndCleanPath() {
        assertThat(ObjectReference.parse("example.com//a/./b:1"))
                .isEqualTo(Optional.of(new ObjectReference("example.com/a/b", "1")));
    }

    @Test
    void refusesBrokenEscapesAndMissingHosts() {
        assertThat(ObjectReference.parse("example.com/a%zz:1")).isEmpty();
        assertThat(ObjectReference.parse("/app:1")).isEmpty();
        assertThat(ObjectReference.parse("[::1/app:1")).isEmpty();
    }
}
