package io.jcontainerd.core.paths;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoPathsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|abc", "a//b|a/b", "a/b/.|a/b", "a/b/..|a", "/../a|/a", "../a/../..|../..", "abc/def/../../..|..",
        "/|/", "//a//|/a", "./a/|a", "a/../b/./c/|b/c", "..|..",
    })
    void cleansLikeGo(String path, String clean) {
        assertThat(GoPaths.clean(path)).isEqualTo(clean);
    }

    @Test
    void emptyIsDot() {
        assertThat(GoPaths.clean("")).isEqualTo(".");
    }

    @Test
    void dirAndJoinAsDockerArchivesResolveLayerLinks() {
        assertThat(GoPaths.dir("e9b0/layer.tar")).isEqualTo("e9b0");
        assertThat(GoPaths.dir("layer.tar")).isEqualTo(".");
        assertThat(GoPaths.join(GoPaths.dir("e9b0/layer.tar"), "../0c44.tar")).isEqualTo("0c44.tar");
        assertThat(GoPaths.join("", "a/../b")).isEqualTo("b");
        assertThat(GoPaths.join("a", "")).isEqualTo("a");
        assertThat(GoPaths.join("linux", "amd64", "")).isEqualTo("linux/amd64");
        assertThat(GoPaths.join("", "")).isEmpty();
    }
}
