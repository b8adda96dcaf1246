package io.jcontainerd.plugins.snapshots.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.sys.LinuxSyscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host checks, against fake /proc and /sys trees. */
class OverlaySupportTest {
    private static final String HOST_MAP = "         0          0 4294967295\n";

    @TempDir
    Path tmp;
    Path proc;
    Path sys;
    Path root;
    OverlaySupport support;

    @BeforeEach
    void fakeHost() throws IOException {
        proc = Files.createDirectories(tmp.resolve("proc"));
        sys = Files.createDirectories(tmp.resolve("sys"));
        root = tmp.resolve("root");
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("filesystems"), "nodev\tsysfs\nnodev\ttmpfs\n\text4\nnodev\toverlay\n");
        Files.writeString(proc.resolve("self/uid_map"), HOST_MAP);
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "6.1.0-13-amd64\n");
        support = new OverlaySupport(new LinuxSyscalls(), proc, sys);
    }

    @Test
    void supported_when_the_kernel_lists_overlay_and_the_root_fills_in_d_type() {
        assertThat(support.unsupportedReason(root)).isEmpty();
        assertThat(root).isDirectory();
    }

    @Test
    void unsupported_when_the_kernel_does_not_list_overlay() throws IOException {
        Files.writeString(proc.resolve("filesystems"), "nodev\tsysfs\n\text4\nnodev\toverlayfs-not-quite\n");
        assertThat(support.unsupportedReason(root)).contains(
                "overlayfs is not supported by the kernel: no overlay in " + proc.resolve("filesystems"));
    }

    @Test
    void unsupported_with_the_reason_when_the_check_itself_fails() throws IOException {
        Files.delete(proc.resolve("filesystems"));
        assertThat(support.unsupportedReason(root)).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("cannot check overlayfs support in " + root + ": "));
    }

    @Test
    void index_off_where_the_kernel_has_the_index_feature() throws IOException {
        assertThat(support.defaultMountOptions(tmp)).isEmpty();
        Files.createDirectories(sys.resolve("module/overlay/parameters"));
        Files.writeString(sys.resolve("module/overlay/parameters/index"), "N\n");
        assertThat(support.defaultMountOptions(tmp)).containsExactly("index=off");
    }

    @Test
    void userxattr_only_in_a_user_namespace_on_5_11_or_later() throws IOException {
        Files.writeString(proc.resolve("self/uid_map"), "         0       1000          1\n");
        assertThat(support.defaultMountOptions(tmp)).containsExactly("userxattr");
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "5.10.0-28-amd64\n");
        assertThat(support.defaultMountOptions(tmp)).isEmpty();
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "5.11.0\n");
        assertThat(support.defaultMountOptions(tmp)).containsExactly("userxattr");
        Files.writeString(proc.resolve("self/uid_map"), HOST_MAP);
        assertThat(support.defaultMountOptions(tmp)).isEmpty();
    }
}
