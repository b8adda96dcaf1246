package io.jcontainerd.image.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.content.Digest;
import org.junit.jupiter.api.Test;

class RefTranslatorsTest {
    @Test
    void addPrefixNamesTagsAndKeepsFullReferences() {
        var translate = RefTranslators.addPrefix("import-2024-01-02");
        assertThat(translate.apply("v1")).isEqualTo("import-2024-01-02:v1");
        assertThat(translate.apply("example.com/app:v1")).isEqualTo("example.com/app:v1");
        assertThat(translate.apply("app@sha256:x")).isEqualTo("app@sha256:x");
    }

    @Test
    void filterPrefixKeepsOnlyReferencesUnderTheName() {
        var translate = RefTranslators.filterPrefix("example.com/app");
        assertThat(translate.apply("v1")).isEqualTo("example.com/app:v1");
        assertThat(translate.apply("example.com/app:v1")).isEqualTo("example.com/app:v1");
        assertThat(translate.apply("example.com/app/sub:v1")).isEqualTo("example.com/app/sub:v1");
        assertThat(translate.apply("example.com/app")).isEqualTo("example.com/app");
        assertThat(translate.apply("example.com/apple:v1")).isEmpty();
        assertThat(translate.apply("other.com/app:v1")).isEmpty();
    }

    @Test
    void digestRefNamesTheDigestUnderThePrefix() {
        Digest d = Digest.fromString("x");
        assertThat(RefTranslators.digestRef("example.com/app").apply(d)).isEqualTo("example.com/app@" + d);
    }
}
