package io.jcontainerd.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void formatsLikeContainerd() {
        assertThat(new Platform("linux", "amd64", "").format()).isEqualTo("linux/amd64");
        assertThat(new Platform("linux", "arm64", "v8").format()).isEqualTo("linux/arm64/v8");
        assertThat(new Platform("linux", "", "").format()).isEqualTo("linux");
        assertThat(new Platform("", "amd64", "").format()).isEqualTo("unknown");
    }
}
