package io.jcontainerd.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "application/vnd.docker.image.rootfs.diff.tar|UNKNOWN",
            "application/vnd.docker.image.rootfs.foreign.diff.tar|UNKNOWN",
            "application/vnd.docker.image.rootfs.diff.tar.gzip|GZIP",
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip|GZIP",
            "application/vnd.docker.image.rootfs.diff.tar.gzip+encrypted|NONE",
            "application/vnd.docker.image.rootfs.diff.tar+x|NONE",
            "application/vnd.oci.image.layer.v1.tar|NONE",
            "application/vnd.oci.image.layer.v1.tar+gzip|GZIP",
            "application/vnd.oci.image.layer.v1.tar+zstd|ZSTD",
            "application/vnd.oci.image.layer.v1.tar+gzip+encrypted|GZIP",
            "application/vnd.oci.image.layer.v1.tar+encrypted|NONE",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip|GZIP",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd|ZSTD",
    })
    void tells_a_layers_compression_from_its_media_type(String mediaType, LayerCompression compression) {
        assertThat(MediaTypes.diffCompression(mediaType)).isEqualTo(compression);
        assertThat(MediaTypes.isLayerType(mediaType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "application/vnd.oci.image.config.v1+json", "application/vnd.oci.image.layer.v2.tar",
            "application/octet-stream"})
    void refuses_compression_of_what_is_no_known_layer(String mediaType) {
        assertThatThrownBy(() -> MediaTypes.diffCompression(mediaType))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_IMPLEMENTED))
                .hasMessage("unrecognised mediatype " + mediaType + ": not implemented");
    }

    @Test
    void classifies_documents_configs_and_layers() {
        assertThat(MediaTypes.isLayerType("application/vnd.oci.image.layer.v2.tar")).isTrue();
        assertThat(MediaTypes.isLayerType("application/vnd.docker.image.rootfs.diff.tar.gzip+zstd")).isTrue();
        assertThat(MediaTypes.isLayerType(MediaTypes.DOCKER_CONFIG)).isFalse();
        assertThat(MediaTypes.isManifestType(MediaTypes.OCI_MANIFEST)).isTrue();
        assertThat(MediaTypes.isManifestType(MediaTypes.DOCKER_MANIFEST)).isTrue();
        assertThat(MediaTypes.isManifestType(MediaTypes.DOCKER_SCHEMA1_MANIFEST)).isFalse();
        assertThat(MediaTypes.isIndexType(MediaTypes.DOCKER_MANIFEST_LIST)).isTrue();
        assertThat(MediaTypes.isIndexType(MediaTypes.OCI_INDEX)).isTrue();
        assertThat(MediaTypes.isConfigType(MediaTypes.CONTAINERD_CHECKPOINT_CONFIG)).isFalse();
        assertThat(MediaTypes.isKnownConfig(MediaTypes.CONTAINERD_CHECKPOINT_CONFIG)).isTrue();
        assertThat(MediaTypes.isKnownConfig(MediaTypes.CONTAINERD_CHECKPOINT)).isTrue();
        assertThat(MediaTypes.isNonDistributable(MediaTypes.DOCKER_LAYER_FOREIGN_GZIP)).isTrue();
        assertThat(MediaTypes.isNonDistributable(MediaTypes.OCI_LAYER_NONDISTRIBUTABLE)).isTrue();
        assertThat(MediaTypes.isNonDistributable(MediaTypes.OCI_LAYER)).isFalse();
        assertThat(MediaTypes.isDockerType(MediaTypes.DOCKER_MANIFEST_LIST)).isTrue();
    }
}
