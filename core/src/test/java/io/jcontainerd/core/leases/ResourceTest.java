package io.jcontainerd.core.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** containerd's parseLeaseResource, case by case. */
class ResourceTest {
    private static final String SHA256 = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @ParameterizedTest
    @ValueSource(strings = {"content", "ingests", "snapshots/overlayfs", "snapshots/"})
    void accepted_types(String type) {
        String id = type.equals("content") ? SHA256 : "any-key";
        assertThatCode(() -> new Resource(id, type).validate()).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "content/x | " + SHA256 + " | INVALID_ARGUMENT | invalid resource type content/x: invalid argument",
        "ingests/a/b | ref | INVALID_ARGUMENT | invalid resource type ingests/a/b: invalid argument",
        "snapshots | key | INVALID_ARGUMENT | invalid snapshot resource type snapshots: invalid argument",
        "snapshots/a/b | key | INVALID_ARGUMENT | invalid snapshot resource type snapshots/a/b: invalid argument",
        "content | sha256:abc | INVALID_ARGUMENT | invalid content resource id sha256:abc: invalid checksum digest length: invalid argument",
        "content | nocolon | INVALID_ARGUMENT | invalid content resource id nocolon: invalid checksum digest format: invalid argument",
        "content | md5:0123 | INVALID_ARGUMENT | invalid content resource id md5:0123: unsupported digest algorithm: invalid argument",
        "images | x | NOT_IMPLEMENTED | resource type images not supported yet: not implemented",
        "'' | x | NOT_IMPLEMENTED | resource type  not supported yet: not implemented",
    })
    void rejected_like_containerd(String type, String id, ErrorKind kind, String message) {
        assertThatThrownBy(() -> new Resource(id, type).validate())
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }
}
