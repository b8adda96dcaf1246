package io.jcontainerd.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawPathTest {

    @TempDir
    Path tmp;

    @Test
    void aJavaPathKeepsNameBytesTheJvmCannotDecode() throws Exception {
        Process mkdir = new ProcessBuilder("sh", "-c", "mkdir \"$1/$(printf 'd\\377')\"", "sh", tmp.toString()).start();
        assertThat(mkdir.waitFor()).isZero();
        Path listed;
        try (var entries = Files.list(tmp)) {
            listed = entries.findFirst().orElseThrow();
        }
        byte[] parent = (tmp.toAbsolutePath() + "/d").getBytes(StandardCharsets.UTF_8);
        byte[] expected = Arrays.copyOf(parent, parent.length + 1);
        expected[parent.length] = (byte) 0xff;

        assertThat(RawPath.of(listed).bytes()).as("no trailing slash on a directory either").isEqualTo(expected);
        assertThat(RawPath.of(Path.of("/")).toString()).isEqualTo("/");
    }

    @Test
    void resolveAppendsOneComponent() {
        assertThat(RawPath.of("/a").resolve("b")).hasToString("/a/b");
        assertThat(RawPath.of("/").resolve("b")).hasToString("/b");
        assertThat(RawPath.of("/a").resolve(new byte[] {'x', (byte) 0xff}).bytes())
                .isEqualTo(new byte[] {'/', 'a', '/', 'x', (byte) 0xff});
    }

    @Test
    void resolveRefusesAnythingButASingleComponent() {
        RawPath base = RawPath.of("/a");
        for (String bad : new String[] {"", ".", "..", "b/c", "/b", "b\0c"}) {
            assertThatThrownBy(() -> base.resolve(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(base.resolve("...")).hasToString("/a/...");
        assertThat(base.resolve(".wh..wh..opq")).hasToString("/a/.wh..wh..opq");
    }

    @Test
    void refusesEmptyPathsAndNulBytes() {
        assertThatThrownBy(() -> RawPath.of(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawPath.of("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityIsByBytes() {
        assertThat(RawPath.of("/a/b")).isEqualTo(RawPath.of("/a".getBytes(StandardCharsets.UTF_8)).resolve("b"));
        assertThat(RawPath.of("/a/b")).hasSameHashCodeAs(RawPath.of("/a").resolve("b"));
        assertThat(RawPath.of("/a/b")).isNotEqualTo(RawPath.of("/a/c"));
    }
}
