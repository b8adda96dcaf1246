package io.jcontainerd.image;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upstream's TestValidateMediaType, plus how Go's decoder sees keys: present even when null, names ignoring case. */
class DocumentShapeTest {
    static final List<String> MANIFESTS = List.of(MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST);
    static final List<String> INDEXES = List.of(MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_INDEX);
    static final String MANIFEST_BODY = "{\"schemaVersion\":0,\"config\":{\"digest\":\"\",\"size\":1},\"layers\":[{\"digest\":\"\",\"size\":2}]}";
    static final String INDEX_BODY = "{\"schemaVersion\":0,\"manifests\":[{\"digest\":\"\",\"size\":1}]}";

    static void check(String json, String mediaType) {
        DocumentShape.check(json.getBytes(StandardCharsets.UTF_8), mediaType);
    }

    @ParameterizedTest
    @ValueSource(strings = {MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST})
    void a_manifest_type_takes_a_manifest_body_and_no_index_body(String mt) {
        assertThatCode(() -> check(MANIFEST_BODY, mt)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(INDEX_BODY, mt)).isInstanceOf(ErrdefsException.class)
                .hasMessage("media-type: expected manifest but found index (" + mt + ")");
        for (String declared : MANIFESTS) {
            assertThatCode(() -> check("{\"mediaType\":\"" + declared + "\"}", mt)).doesNotThrowAnyException();
        }
        for (String declared : INDEXES) {
            assertThatThrownBy(() -> check("{\"mediaType\":\"" + declared + "\"}", mt))
                    .hasMessage("media-type: expected manifest but found index (" + mt + ")");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_INDEX})
    void an_index_type_takes_an_index_body_and_no_manifest_body(String mt) {
        assertThatCode(() -> check(INDEX_BODY, mt)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(MANIFEST_BODY, mt)).isInstanceOf(ErrdefsException.class)
                .hasMessage("media-type: expected index but found manifest (" + mt + ")");
        for (String declared : INDEXES) {
            assertThatCode(() -> check("{\"mediaType\":\"" + declared + "\"}", mt)).doesNotThrowAnyException();
        }
        for (String declared : MANIFESTS) {
            assertThatThrownBy(() -> check("{\"mediaType\":\"" + declared + "\"}", mt))
                    .hasMessage("media-type: expected index but found manifest (" + mt + ")");
        }
    }

    @Test
    void schema1_is_refused_whatever_the_descriptor_says() {
        assertThatThrownBy(() -> check("{\"fsLayers\":[\"1\"]}", "")).hasMessage("media-type: schema 1 not supported");
        assertThatThrownBy(() -> check("{\"FSLAYERS\":null}", MediaTypes.OCI_MANIFEST))
                .hasMessage("media-type: schema 1 not supported");
    }

    @Test
    void a_key_counts_when_null_or_spelled_in_another_case() {
        assertThatThrownBy(() -> check("{\"manifests\":null}", MediaTypes.OCI_MANIFEST))
                .hasMessageStartingWith("media-type: expected manifest but found index");
        assertThatThrownBy(() -> check("{\"Layers\":[]}", MediaTypes.OCI_INDEX))
                .hasMessageStartingWith("media-type: expected index but found manifest");
        assertThatThrownBy(() -> check("{\"MEDIATYPE\":\"" + MediaTypes.OCI_INDEX + "\"}", MediaTypes.OCI_MANIFEST))
                .hasMessageStartingWith("media-type: expected manifest but found index");
        // the last spelling wins, as with Go's decoder; null leaves the earlier value
        assertThatCode(() -> check("{\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"MediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\"}", MediaTypes.OCI_MANIFEST)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("{\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"MediaType\":null}",
                MediaTypes.OCI_MANIFEST)).hasMessageStartingWith("media-type: expected manifest but found index");
    }

    @Test
    void other_media_types_and_a_null_document_pass_and_non_objects_fail() {
        assertThatCode(() -> check(INDEX_BODY, MediaTypes.OCI_CONFIG)).doesNotThrowAnyException();
        assertThatCode(() -> check("null", MediaTypes.OCI_MANIFEST)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("[]", MediaTypes.OCI_MANIFEST)).isInstanceOf(ErrdefsException.class);
        assertThatThrownBy(() -> check("{\"mediaType\":5}", MediaTypes.OCI_MANIFEST)).isInstanceOf(ErrdefsException.class);
        assertThatThrownBy(() -> check("{\"layers\":[]} x", MediaTypes.OCI_MANIFEST)).isInstanceOf(ErrdefsException.class);
    }
}
