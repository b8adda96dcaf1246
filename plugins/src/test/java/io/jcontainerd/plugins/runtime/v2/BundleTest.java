package io.jcontainerd.plugins.runtime.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
    private final Syscalls sys = new LinuxSyscalls();
    @TempDir
    Path dir;

    @Test
    void createLaysOutSpecRootfsAndWorkLink() throws IOException {
        Bundle bundle = Bundle.create(sys, dir.resolve("root"), dir.resolve("state"), "ns", "c1",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(bundle.path()).isEqualTo(dir.resolve("state/ns/c1"));
        assertThat(bundle.file("config.json")).hasContent("{}");
        assertThat(bundle.file("rootfs")).isDirectory();
        assertThat(Files.readSymbolicLink(bundle.file("work"))).isEqualTo(dir.resolve("root/ns/c1"));
        assertThat(dir.resolve("root/ns/c1")).isDirectory();
    }

    @Test
    void createOfAnExistingBundleIsAlreadyExists() {
        Bundle.create(sys, dir.resolve("root"), dir.resolve("state"), "ns", "c1", new byte[0]);

        assertThatThrownBy(() -> Bundle.create(sys, dir.resolve("root"), dir.resolve("state"), "ns", "c1", new byte[0]))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
    }

    @Test
    void createReplacesAWorkDirectoryATaskLeftBehind() throws IOException {
        Path leftover = Files.createDirectories(dir.resolve("root/ns/c1/sub"));
        Files.writeString(leftover.resolve("file"), "old");

        Bundle.create(sys, dir.resolve("root"), dir.resolve("state"), "ns", "c1", new byte[0]);

        assertThat(dir.resolve("root/ns/c1")).isEmptyDirectory();
    }

    @Test
    void deleteRemovesWhatTheShimWroteAndTheWorkDirectoryButFollowsNoSymlink() throws IOException {
        Bundle bundle = Bundle.create(sys, dir.resolve("root"), dir.resolve("state"), "ns", "c1", new byte[0]);
        Files.writeString(bundle.file("address"), "unix:///run/x");
        sys.mknod(RawPath.of(bundle.file("log")), Linux.S_IFIFO | 0700, 0);
        Files.createDirectories(bundle.file("rootfs/deep/er"));
        Files.writeString(bundle.file("rootfs/deep/er/file"), "x");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "keep");
        Files.createSymbolicLink(bundle.file("link-to-outside"), outside);
        Files.writeString(dir.resolve("root/ns/c1/scratch"), "x");

        bundle.delete(sys);

        assertThat(bundle.path()).doesNotExist();
        assertThat(dir.resolve("root/ns/c1")).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("keep");
        assertThat(dir.resolve("state/ns")).exists();
    }

    @Test
    void deleteOfABundleThatIsGoneIsFine() throws IOException {
        Bundle bundle = Bundle.create(sys, dir.resolve("root"), dir.resolve("state"), "ns", "c1", new byte[0]);
        bundle.delete(sys);

        bundle.delete(sys);

        assertThat(Files.exists(bundle.path(), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aRetiredBundleKeepsItsFilesAwayFromTheIdAndItsDeleteLeavesANewTaskOfThatIdAlone() throws IOException {
        Path root = dir.resolve("root");
        Path state = dir.resolve("state");
        Bundle bundle = Bundle.create(sys, root, state, "ns", "c.1", new byte[0]);
        Files.writeString(bundle.file("address"), "unix:///run/x");
        Files.writeString(dir.resolve("root/ns/c.1/scratch"), "old");

        Bundle.Retired retired = bundle.retire(root);
        Bundle again = Bundle.create(sys, root, state, "ns", "c.1", new byte[0]);
        Files.writeString(dir.resolve("root/ns/c.1/scratch"), "new");

        assertThat(retired.file("address")).hasContent("unix:///run/x");
        assertThat(retired.work().resolve("scratch")).hasContent("old");
        assertThat(Bundle.Retired.left(root, state)).containsExactly(retired);
        retired.delete(sys);
        assertThat(Bundle.Retired.left(root, state)).isEmpty();
        assertThat(again.file("work")).isDirectory();
        assertThat(dir.resolve("root/ns/c.1/scratch")).hasContent("new");
    }
}
