package io.jcontainerd.plugins.snapshots.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.snapshots.Usage;
import io.jcontainerd.sys.Errno;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskUsageTest {
    private static final Syscalls SYS = new LinuxSyscalls();

    @TempDir
    Path root;

    /** coreutils' du counts the same way (allocated blocks, each inode once): an independent oracle. */
    private static Usage du(Path p) throws IOException, InterruptedException {
        return new Usage(Long.parseLong(run("du", "-s", "--inodes", p.toString()).split("\\s")[0]),
                Long.parseLong(run("du", "-s", "-B1", p.toString()).split("\\s")[0]));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void counts_allocated_blocks_and_each_inode_once_as_du_does() throws Exception {
        Files.write(root.resolve("small"), new byte[10]);
        Files.write(root.resolve("big"), new byte[100_000]);
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createLink(root.resolve("a/b/hardlink"), root.resolve("big"));
        Files.createSymbolicLink(root.resolve("a/link"), Path.of("../nowhere"));
        try (RandomAccessFile sparse = new RandomAccessFile(root.resolve("sparse").toFile(), "rw")) {
            sparse.setLength(1 << 30);
        }

        Usage usage = new DiskUsage(SYS).of(root);

        assertThat(usage.inodes()).isEqualTo(8); // root, small, big (twice linked), a, b, c, link, sparse
        assertThat(usage).isEqualTo(du(root));
        assertThat(usage.size()).as("the 1 GiB sparse file holds no blocks").isLessThan(1 << 20);
    }

    @Test
    void names_that_are_not_utf8_are_counted_too() throws Exception {
        run("sh", "-c", "mkdir \"$1/$(printf 'd\\377')\" && printf x > \"$1/$(printf 'd\\377')/$(printf '\\376f')\"", "sh",
                root.toString());
        assertThat(new DiskUsage(SYS).of(root)).isEqualTo(du(root)).extracting(Usage::inodes).isEqualTo(3L);
    }

    @Test
    void a_missing_root_is_an_error_naming_it() {
        assertThatThrownBy(() -> new DiskUsage(SYS).of(root.resolve("missing")))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.is(Errno.ENOENT)).isTrue())
                .hasMessage("lstat " + root.resolve("missing") + ": ENOENT (No such file or directory)");
    }

    @Test
    void the_root_of_this_test_fills_in_d_type_and_the_probe_file_is_gone() throws IOException {
        assertThat(DirEntries.supportsDType(SYS, root)).isTrue();
        try (var entries = Files.list(root)) {
            assertThat(entries).isEmpty();
        }
    }
}
