package io.jcontainerd.plugins.runtime.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runtime names to shim binaries, as containerd's {@code resolveRuntimePath}. */
class ShimBinariesTest {
    @TempDir
    Path dir;

    private Path executable(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @Test
    void theLastTwoPartsOfTheNameNameTheBinary() {
        assertThat(ShimBinaries.binaryName("io.containerd.runc.v2")).isEqualTo("containerd-shim-runc-v2");
        assertThat(ShimBinaries.binaryName("jrunc.v2")).isEqualTo("containerd-shim-jrunc-v2");
        assertThat(ShimBinaries.binaryName("runc")).isEmpty();
    }

    @Test
    void looksUpThePathInOrder() throws IOException {
        executable(dir.resolve("b"), "containerd-shim-runc-v2");
        Files.createDirectories(dir.resolve("a"));
        Files.createFile(dir.resolve("a/containerd-shim-runc-v2")); // not executable: skipped
        ShimBinaries binaries = new ShimBinaries(dir.resolve("a") + ":" + dir.resolve("b"));

        assertThat(binaries.resolve("io.containerd.runc.v2")).isEqualTo(dir.resolve("b/containerd-shim-runc-v2"));
    }

    @Test
    void anAbsolutePathIsTheBinaryItself() throws IOException {
        Path custom = executable(dir, "my-shim");

        assertThat(new ShimBinaries("").resolve(custom.toString())).isEqualTo(custom);
        assertThatThrownBy(() -> new ShimBinaries("").resolve(dir.resolve("absent").toString()))
                .hasMessageContaining("invalid custom binary path");
    }

    @Test
    void aMissingBinaryIsUpstreamsError() {
        assertThatThrownBy(() -> new ShimBinaries(dir.toString()).resolve("io.containerd.nope.v1"))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNKNOWN))
                .hasMessage("failed to resolve runtime path: runtime \"io.containerd.nope.v1\" binary not installed"
                        + " \"containerd-shim-nope-v1\": file does not exist");
        assertThatThrownBy(() -> new ShimBinaries(dir.toString()).resolve("runc"))
                .hasMessageStartingWith("failed to resolve runtime path: invalid runtime name runc");
    }
}
